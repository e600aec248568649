import { execFileSync } from "node:child_process";
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type PublishablePackage, publishablePackages } from "./workspace-packages.js";

/** One packed package: its tarball and the paths `npm pack` put in it. */
export interface Tarball {
  pkg: PublishablePackage;
  file: string;
  files: string[];
}

/** The temporary project outside the repository into which every tarball is installed. */
export interface PackedProject {
  /** The temporary folder (tarballs/ and app/); remove it when done. */
  tmp: string;
  /** The consumer project: `app/node_modules` holds the installed tarballs. */
  app: string;
  tarballs: Tarball[];
}

/** The environment for child npm/node processes, without what an outer `npm test` set. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== "INIT_CWD" && key !== "NODE_OPTIONS") env[key] = value;
  }
  return { ...env, ...extra };
}

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, {
    cwd,
    env: cleanEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Packs every publishable workspace package with `npm pack` (its `prepack` builds it), then
 * installs all tarballs, with `typescript` and `@types/node` at the repository's versions, into a
 * new project under the OS temp folder with `npm install --prefer-offline` (third-party
 * dependencies come from the npm cache or registry; nothing links back to the repository).
 */
export function packAndInstall(root: string): PackedProject {
  const tmp = mkdtempSync(path.join(tmpdir(), "dubbo-ts-packaging-"));
  try {
    return packAndInstallIn(root, tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

function packAndInstallIn(root: string, tmp: string): PackedProject {
  const packages = publishablePackages(root);
  const tarballDir = path.join(tmp, "tarballs");
  mkdirSync(tarballDir);
  const out = npm(
    ["pack", ...packages.flatMap((p) => ["-w", p.dir]), "--pack-destination", tarballDir, "--json"],
    root,
  );
  // Lifecycle output (the prepack build) may precede the JSON array.
  const packed = JSON.parse(out.slice(out.indexOf("\n[") + 1 || 0)) as {
    name: string;
    filename: string;
    files: { path: string }[];
  }[];
  const tarballs = packages.map((pkg) => {
    const entry = packed.find((p) => p.name === pkg.name);
    if (!entry) throw new Error(`npm pack produced no tarball for ${pkg.name}:\n${out}`);
    return {
      pkg,
      file: path.join(tarballDir, entry.filename),
      files: entry.files.map((f) => f.path),
    };
  });

  const app = path.join(tmp, "app");
  mkdirSync(app);
  writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({ name: "dubbo-ts-packaging-check", version: "1.0.0", private: true }),
  );
  const rootManifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const dev = rootManifest.devDependencies as Record<string, string>;
  npm(
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...tarballs.map((t) => t.file),
      `typescript@${dev.typescript}`,
      `@types/node@${dev["@types/node"]}`,
    ],
    app,
  );
  for (const { pkg } of tarballs) {
    const installed = path.join(app, "node_modules", pkg.name);
    if (lstatSync(installed).isSymbolicLink() || !realpathSync(installed).startsWith(app)) {
      throw new Error(`${pkg.name} is linked, not installed from its tarball: ${installed}`);
    }
  }
  cpSync(fileURLToPath(new URL("consumers/", import.meta.url)), app, { recursive: true });
  return { tmp, app, tarballs };
}
