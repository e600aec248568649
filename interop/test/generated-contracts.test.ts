/**
 * The interop contracts are generated (`dubbo-ts contracts`) from the Java class files and sources
 * of interop/java/contract: the files checked in under interop/node/contracts must be exactly
 * what the generator writes today, and they must declare the same Java types as the contract
 * that was written by hand before (interop/node/contract-handwritten.ts, the independent oracle).
 * The interop suites (java-2.6/2.7/3.3) then run on the generated contracts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCliCaptured } from "@dubbo-ts/cli";
import { type Constructor, getJavaClass, resolveServiceDefinition } from "@dubbo-ts/core/spi";
import { beforeAll, describe, expect, it } from "vitest";
import { buildJava } from "../java.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = "interop/node/contracts";
const ARGS = [
  "contracts",
  "interop/java/contract/target/classes",
  "interop/java/contract/src/main/java",
  "--package",
  "com.jd",
  "--exclude",
  "com.jd.interop.support",
  "--longs",
  "bigint",
];
const DTOS = [
  "com.jd.pojo.TbBrand",
  "com.jd.entity.PageResult",
  "com.jd.interop.Page",
  "com.jd.interop.Temporals",
  "com.jd.interop.Color",
  "com.jd.interop.BrandException",
];

function cli(args: string[]) {
  return runCliCaptured(args, ROOT);
}

/** The Java types a contract module declares: its services resolved, its DTOs as registered. */
async function declared(load: () => Promise<object>) {
  const m = (await load()) as Record<string, Constructor>;
  return {
    matrix: resolveServiceDefinition({ contract: m.TypeMatrixService }),
    brand: resolveServiceDefinition({ contract: m.BrandService }),
    classes: DTOS.map((name) => {
      const def = getJavaClass(name);
      return { name, fields: def?.fields, enumValues: def?.enumValues };
    }),
  };
}

describe("generated interop contracts", () => {
  beforeAll(() => buildJava());

  it("are what `dubbo-ts contracts` generates from interop/java/contract (--check)", async () => {
    const run = await cli([...ARGS, "--out", OUT, "--check"]);
    expect(run.err).toBe("");
    expect(run.out).toContain(`${OUT}: up to date`);
    expect(run.out).toMatch(/8 types in 4 files: 2 services, 4 DTOs, 1 enums, 1 exceptions/);
    expect(run.code).toBe(0);
  });

  it("are written byte for byte the same again, and --check fails on a changed file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dubbo-ts-contracts-"));
    try {
      expect((await cli([...ARGS, "--out", dir])).code).toBe(0);
      const first = readFileSync(path.join(dir, "com.jd.interop.ts"), "utf8");
      expect(first).toBe(readFileSync(path.join(ROOT, OUT, "com.jd.interop.ts"), "utf8"));
      const again = await cli([...ARGS, "--out", dir]);
      expect(again.out).toContain("0 written, 4 unchanged, 0 deleted");
      const pojo = path.join(dir, "com.jd.pojo.ts");
      writeFileSync(pojo, readFileSync(pojo, "utf8").replace('"java.lang.Long"', '"long"'));
      const check = await cli([...ARGS, "--out", dir, "--check"]);
      expect(check.code).toBe(1);
      expect(check.out).toContain("com.jd.pojo.ts: out of date");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("declare exactly the Java types of the hand-written contract", async () => {
    const generated = await declared(() => import("../node/contract.js"));
    const handWritten = await declared(() => import("../node/contract-handwritten.js"));
    expect(generated.matrix.methods.length).toBe(31);
    expect(generated).toEqual(handWritten);
  });
});
