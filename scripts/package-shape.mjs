#!/usr/bin/env node
// Puts every publishable workspace package (root "workspaces", not "private") in the shape that
// docs/packaging.md describes: publishing fields, top-level main/types and typesVersions from
// "exports", the files list, the prepack build, @dubbo-ts/* as peer dependencies, LICENSE and
// CHANGELOG.md. Idempotent; keeps what a package already says where the shape leaves a choice
// (description, keywords, sideEffects, its own dependencies).
//
//   node scripts/package-shape.mjs           rewrites what is out of shape
//   node scripts/package-shape.mjs --check   only lists it; exits 1 if anything is
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = "https://github.com/dubbo-ts/dubbo-ts";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Key order of a shaped package.json; keys not listed keep their place after these. */
const ORDER = [
  "name",
  "version",
  "description",
  "keywords",
  "license",
  "repository",
  "homepage",
  "bugs",
  "type",
  "engines",
  "sideEffects",
  "bin",
  "main",
  "types",
  "typesVersions",
  "exports",
  "files",
  "scripts",
  "publishConfig",
  "peerDependencies",
  "dependencies",
  "devDependencies",
];

/** The shaped manifest of the package in `dir` (`packages/<name>`). */
export function shape(manifest, dir) {
  const m = structuredClone(manifest);
  m.license ??= "Apache-2.0";
  m.repository = { type: "git", url: `git+${REPO}.git`, directory: dir };
  m.homepage = `${REPO}/tree/main/${dir}#readme`;
  m.bugs = { url: `${REPO}/issues` };
  m.type = "module";
  m.engines ??= { node: ">=20.19" };
  m.sideEffects ??= false;
  if (m.exports) {
    const { ".": main, "./package.json": _json, ...subpaths } = m.exports;
    if (main?.default) m.main = main.default;
    if (main?.types) m.types = main.types;
    const versions = Object.entries(subpaths).filter(([, t]) => t?.types);
    if (versions.length) {
      m.typesVersions = {
        "*": Object.fromEntries(versions.map(([s, t]) => [s.slice(2), [t.types]])),
      };
    } else delete m.typesVersions;
    m.exports = { ...m.exports, "./package.json": "./package.json" };
  }
  m.files = ["dist", "!dist/.tsbuildinfo", "src", "!src/**/*.test.ts", "CHANGELOG.md"];
  m.scripts = { ...m.scripts, prepack: "node ../../scripts/prepack.mjs" };
  m.publishConfig = { access: "public", ...m.publishConfig };
  // One core (and one of each plugin) per application: other @dubbo-ts packages are peers, with
  // the exact workspace version as a dev dependency so that the workspace links it.
  for (const [dep, range] of Object.entries(m.dependencies ?? {})) {
    if (!dep.startsWith("@dubbo-ts/")) continue;
    delete m.dependencies[dep];
    m.peerDependencies = { ...m.peerDependencies, [dep]: range };
    m.devDependencies = { ...m.devDependencies, [dep]: range.replace(/^[\^~]/, "") };
  }
  if (m.dependencies && Object.keys(m.dependencies).length === 0) delete m.dependencies;
  const ordered = {};
  for (const key of ORDER) if (key in m) ordered[key] = m[key];
  for (const key of Object.keys(m)) if (!(key in ordered)) ordered[key] = m[key];
  return ordered;
}

function changelog(name) {
  return `# Changelog of ${name}

All @dubbo-ts packages share one version and are released together (see
[docs/packaging.md](../../docs/packaging.md#versions)). The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); versions follow semantic versioning, where
during 0.x a minor release may break the API.

## Unreleased

## 0.1.0

First release.
`;
}

/** Shapes every publishable package; returns what was (or, with `check`, would be) changed. */
export function shapeAll({ check = false } = {}) {
  const changes = [];
  const { workspaces = [] } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  for (const dir of workspaces) {
    const file = path.join(root, dir, "package.json");
    const text = readFileSync(file, "utf8");
    const manifest = JSON.parse(text);
    if (manifest.private === true) continue;
    const shaped = `${JSON.stringify(shape(manifest, dir), null, 2)}\n`;
    if (shaped !== text) {
      changes.push(`${dir}/package.json`);
      if (!check) writeFileSync(file, shaped);
    }
    if (!existsSync(path.join(root, dir, "LICENSE"))) {
      changes.push(`${dir}/LICENSE`);
      if (!check) copyFileSync(path.join(root, "LICENSE"), path.join(root, dir, "LICENSE"));
    }
    if (!existsSync(path.join(root, dir, "CHANGELOG.md"))) {
      changes.push(`${dir}/CHANGELOG.md`);
      if (!check) writeFileSync(path.join(root, dir, "CHANGELOG.md"), changelog(manifest.name));
    }
  }
  return changes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  const changes = shapeAll({ check });
  if (check && changes.length) {
    console.error(
      `out of the package shape (docs/packaging.md): ${changes.join(", ")}\n` +
        "run `node scripts/package-shape.mjs`, then `npm install` if dependencies moved",
    );
    process.exit(1);
  }
  console.log(
    changes.length ? `shaped: ${changes.join(", ")}` : "every package is in shape already",
  );
}
