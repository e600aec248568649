import "reflect-metadata";

/**
 * Whether this build gives decorators TypeScript's design types. `tsc` and swc emit them with
 * `emitDecoratorMetadata` (swc: `jsc.transform.decoratorMetadata`); tsx, esbuild, Vite, Bun and
 * Babel never do, and a class imported with `import type` is emitted as `Object`. Every decorator
 * of this package reads its design type through here, so the first one that finds none records
 * it for the whole process and every later message can name the cause instead of guessing.
 */
let missing = false;

/** The `design:<kind>` metadata of a decorated member, recording when the build emitted none. */
export function readDesignMetadata(
  kind: "type" | "paramtypes",
  target: object,
  key: string | symbol,
): unknown {
  const name = `design:${kind}`;
  if (Reflect.hasOwnMetadata(name, target, key)) return Reflect.getOwnMetadata(name, target, key);
  missing = true;
  return undefined;
}

/** True once a decorator of this package ran without design metadata. */
export function decoratorMetadataMissing(): boolean {
  return missing;
}

/** The explanation and the two ways out, for messages about a type that metadata would give. */
export const NO_DECORATOR_METADATA =
  'this build emits no decorator metadata (tsx, esbuild, Vite, Bun and Babel never do; tsc and swc do with emitDecoratorMetadata / jsc.transform.decoratorMetadata): either compile with tsc or swc and enable it, or name the types explicitly (contract: in @Reference options, @JavaField("<Java type>") on DTO fields, @JavaMethod({ params: [...], returns }) on contract methods)';
