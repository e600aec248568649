import { describe, expect, it } from "vitest";
import { shape, shapeAll } from "./package-shape.mjs";

/** A package as a new one is often first written (the shape before docs/packaging.md). */
const fresh = {
  name: "@dubbo-ts/triple",
  version: "0.1.0",
  description: "Triple",
  license: "Apache-2.0",
  type: "module",
  exports: {
    ".": { source: "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" },
    "./codec": { source: "./src/codec.ts", types: "./dist/codec.d.ts", default: "./dist/codec.js" },
  },
  files: ["dist"],
  dependencies: { "@dubbo-ts/core": "^0.1.0", protobufjs: "^8.8.1" },
};

describe("package-shape", () => {
  it("adds what publishing needs and makes @dubbo-ts dependencies peers", () => {
    const m = shape(fresh, "packages/triple");
    expect(m).toMatchObject({
      repository: { directory: "packages/triple" },
      sideEffects: false,
      main: "./dist/index.js",
      types: "./dist/index.d.ts",
      typesVersions: { "*": { codec: ["./dist/codec.d.ts"] } },
      scripts: { prepack: "node ../../scripts/prepack.mjs" },
      peerDependencies: { "@dubbo-ts/core": "^0.1.0" },
      dependencies: { protobufjs: "^8.8.1" },
      devDependencies: { "@dubbo-ts/core": "0.1.0" },
    });
    expect((m.exports as Record<string, unknown>)["./package.json"]).toBe("./package.json");
    expect(m.files).toContain("src");
  });

  it("is idempotent", () => {
    const once = shape(fresh, "packages/triple");
    expect(shape(once, "packages/triple")).toEqual(once);
  });

  it("finds every publishable workspace package in shape", () => {
    expect(shapeAll({ check: true })).toEqual([]);
  });
});
