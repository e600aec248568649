#!/usr/bin/env node
// Fails on import cycles (madge) and on imports against the allowed direction:
//   examples/* → protocol, registry-zookeeper → core; protocol and registry-zookeeper never import
//   each other; core imports neither; no package imports an example.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import madge from "madge";

const ALLOWED = {
  core: ["core"],
  protocol: ["protocol", "core"],
  "registry-zookeeper": ["registry-zookeeper", "core"],
};

/** `packages/protocol/src/x.ts` → "protocol"; examples → "example"; anything else → undefined. */
function unitOf(file) {
  const parts = path.relative(process.cwd(), path.resolve(file)).split(path.sep);
  if (parts[0] === "packages") return parts[1];
  if (parts[0] === "examples") return "example";
  return undefined;
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "dist") continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mts|mjs|js)$/.test(entry) && !entry.endsWith(".d.ts")) yield full;
  }
}

const problems = [];
const roots = ["packages", "examples"];

const result = await madge(roots, {
  fileExtensions: ["ts"],
  tsConfig: "tsconfig.test.json",
  excludeRegExp: [/node_modules/, /dist\//],
});
for (const cycle of result.circular()) problems.push(`import cycle: ${cycle.join(" → ")}`);

const importRe =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']/g;
for (const root of roots) {
  for (const file of sourceFiles(root)) {
    const from = unitOf(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      let to;
      if (spec.startsWith("@dubbo-ts/")) to = spec.slice("@dubbo-ts/".length).split("/")[0];
      else if (spec.startsWith(".")) to = unitOf(path.join(path.dirname(file), spec));
      if (!to || !from || from === "example") {
        if (from !== "example" && to === "example")
          problems.push(`${file}: imports an example (${spec})`);
        continue;
      }
      if (to === "example" || !ALLOWED[from]?.includes(to)) {
        problems.push(
          `${file}: ${from} must not import ${to} (${spec}); allowed: ${ALLOWED[from]?.join(", ")}`,
        );
      }
    }
  }
}

if (problems.length) {
  console.error(`dependency check failed:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `dependency check: ${Object.keys(result.obj()).length} files, no cycles, import direction respected`,
);
