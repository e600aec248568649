// Node module hooks that let a child process run the workspace's TypeScript sources directly, with
// the same decorator semantics as the tests (SWC: legacy decorators + emitDecoratorMetadata).
// `register-ts.mjs` installs them; resolve with `--conditions=source` so `@dubbo-ts/*` maps to src.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import swc from "@swc/core";

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    // NodeNext sources import "./x.js" for "./x.ts".
    if (error?.code === "ERR_MODULE_NOT_FOUND" && /^\.{1,2}\/.*\.js$/.test(specifier)) {
      return next(specifier.replace(/\.js$/, ".ts"), context);
    }
    throw error;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith("file:") || !/\.m?ts$/.test(url)) return next(url, context);
  const source = await readFile(fileURLToPath(url), "utf8");
  const { code } = await swc.transform(source, {
    filename: fileURLToPath(url),
    sourceMaps: "inline",
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2022",
    },
    module: { type: "es6" },
  });
  return { format: "module", source: code, shortCircuit: true };
}
