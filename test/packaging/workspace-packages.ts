import { readFileSync } from "node:fs";
import path from "node:path";

/** A workspace package that is published (not `private`). */
export interface PublishablePackage {
  /** Package name, e.g. `@dubbo-ts/core`. */
  name: string;
  version: string;
  /** Folder relative to the repository root, e.g. `packages/core`. */
  dir: string;
  /** Its package.json as parsed. */
  manifest: Record<string, unknown>;
}

/**
 * Every publishable package of the monorepo, found from the root package.json `workspaces` list
 * (so packages added later are packed and checked without editing the test); `private: true`
 * workspaces (examples) are skipped.
 */
export function publishablePackages(root: string): PublishablePackage[] {
  const rootManifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    workspaces?: string[];
  };
  const found: PublishablePackage[] = [];
  for (const dir of rootManifest.workspaces ?? []) {
    if (dir.includes("*")) throw new Error(`workspace globs are not supported here: ${dir}`);
    const manifest = JSON.parse(readFileSync(path.join(root, dir, "package.json"), "utf8"));
    if (manifest.private === true) continue;
    found.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return found;
}
