import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The process-wide mark of the copy of @dubbo-ts/core in use. `Symbol.for` keys are shared by every
 * module instance in the process, so two copies of core (one nested under a plugin's
 * `node_modules` after a version skew, or one loaded from `src/` and one from `dist/`) see each
 * other's mark.
 */
const KEY = Symbol.for("@dubbo-ts/core");

/** Where a copy of core lives and which version it is, as written under {@link KEY}. */
export interface CoreCopy {
  /** The package directory of that copy (the folder holding its package.json). */
  readonly path: string;
  readonly version: string;
}

let claimed = false;

/** This copy: its package directory (one level above `src/` or `dist/`) and its version. */
function thisCopy(): CoreCopy {
  const dir = new URL("../", import.meta.url);
  let version = "unknown";
  try {
    const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as {
      version?: unknown;
    };
    if (typeof pkg.version === "string") version = pkg.version;
  } catch {
    // A bundled copy has no package.json next to it; the path alone still tells the copies apart.
  }
  const path = dir.protocol === "file:" ? fileURLToPath(dir) : dir.href;
  return { path, version };
}

/**
 * Fails when another copy of @dubbo-ts/core has been used in this process. Java class
 * registrations, enum definitions and error codes live in module-level tables: with two copies,
 * DTOs registered in one are "not registered" in the other and values decode wrong without any
 * error. So the first copy to register or look up a Java class claims the process, and any other
 * copy throws here, on its first use, naming both paths. Costs one boolean test after the first
 * call (it sits on the codec's path).
 *
 * @throws Error when a different copy (another path) has claimed the process.
 */
export function assertSingleCore(): void {
  if (claimed) return;
  const me = thisCopy();
  const holder = globalThis as { [KEY]?: CoreCopy };
  const first = holder[KEY];
  if (first && first.path !== me.path) {
    throw new Error(
      `two copies of @dubbo-ts/core are loaded in this process: ${first.path} (version ` +
        `${first.version}, used first) and ${me.path} (version ${me.version}). Java class ` +
        "registrations made in one are invisible to the other, so values would not serialize. " +
        "Install exactly one: the plugins (@dubbo-ts/protocol, @dubbo-ts/registry-zookeeper, …) " +
        "declare core as a peer dependency, so align their versions and run `npm dedupe` " +
        "(`npm ls @dubbo-ts/core` shows where each copy comes from).",
    );
  }
  if (!first) holder[KEY] = me;
  claimed = true;
}
