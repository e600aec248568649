import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Constructor } from "./decorators/metadata.js";
import { getServiceOptions } from "./decorators/service.js";

export interface ScanOptions {
  /** Files or folders (searched recursively). */
  readonly paths: string | readonly string[];
  /**
   * File endings imported; default `.js`, `.mjs`. Add `.ts` when running under a TypeScript
   * loader (tsx, vitest). `.d.ts`, `.test.*`, `.spec.*` and `.map` files are always skipped.
   */
  readonly extensions?: readonly string[] | undefined;
}

const SKIP = /(\.d\.[cm]?ts|\.(test|spec)\.[cm]?[jt]s|\.map)$/;

async function collect(entry: string, extensions: readonly string[], out: string[]): Promise<void> {
  const info = await stat(entry).catch((e: Error) => {
    throw new TypeError(`cannot scan ${entry} for services: ${e.message}`);
  });
  if (info.isDirectory()) {
    const names = (await readdir(entry)).sort();
    for (const name of names) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      await collect(path.join(entry, name), extensions, out);
    }
  } else if (extensions.some((e) => entry.endsWith(e)) && !SKIP.test(entry)) {
    out.push(entry);
  }
}

/**
 * The equivalent of `<dubbo:annotation package="…"/>`: imports every module under the given
 * folders and returns the exported classes marked with `@Service`, in file order. Importing is
 * the only side effect (decorators only write metadata); nothing is instantiated here.
 */
export async function scanServices(
  options: ScanOptions | string | readonly string[],
): Promise<Constructor[]> {
  const opts: ScanOptions =
    typeof options === "string" || Array.isArray(options)
      ? { paths: options as string | string[] }
      : (options as ScanOptions);
  const roots = typeof opts.paths === "string" ? [opts.paths] : opts.paths;
  const files: string[] = [];
  for (const root of roots)
    await collect(path.resolve(root), opts.extensions ?? [".js", ".mjs"], files);
  const found: Constructor[] = [];
  for (const file of files) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (e) {
      throw new TypeError(
        `cannot import ${file} while scanning for services: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    for (const value of Object.values(module)) {
      if (typeof value === "function" && getServiceOptions(value) && !found.includes(value))
        found.push(value);
    }
  }
  return found;
}
