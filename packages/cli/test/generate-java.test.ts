/**
 * `dubbo-ts contracts` on real Java output: a fixture API (test/fixtures/acme-api, every shape the
 * generator maps) compiled by javac into a jar, and a jar this repository did not write —
 * org.apache.dubbo:dubbo:3.3.6 from Maven Central (its MetadataService, the service Dubbo 3
 * exports for application-level discovery, and the generic/echo service interfaces). The
 * generated files must compile with tsc strict, load (every Java type name is checked by the
 * decorators) and declare the Java types Java would put on the wire.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Constructor,
  createProxy,
  getJavaClass,
  resolveServiceDefinition,
  type ServiceDefinition,
} from "@dubbo-ts/core/spi";
import { createFakeInvoker } from "@dubbo-ts/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../src/cli.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../../..");
const FIXTURE = path.join(HERE, "fixtures/acme-api");
const DUBBO = "org.apache.dubbo:dubbo:3.3.6";

let work: string;
const reports: Record<string, string> = {};

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    const err = e as { code?: string; message: string; stdout?: string; stderr?: string };
    if (err.code === "ENOENT") {
      throw new Error(
        `${command} not found on PATH: this test needs a JDK 17+ (javac, jar) and Maven, e.g. sudo apt-get install -y openjdk-17-jdk-headless maven`,
      );
    }
    throw new Error(
      `${command} ${args.join(" ")} failed: ${err.message}\n${err.stdout ?? ""}${err.stderr ?? ""}`,
    );
  }
}

async function generate(args: string[]): Promise<string> {
  const { code, out, err } = await runCliCaptured(["contracts", ...args], ROOT);
  if (code !== 0) throw new Error(`dubbo-ts contracts ${args.join(" ")} exited ${code}: ${err}`);
  return out;
}

function javaFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".java"))
    .map((f) => path.join(dir, f));
}

beforeAll(async () => {
  // Inside the repository so that the generated files resolve @dubbo-ts/core like user code does.
  work = mkdtempSync(path.join(HERE, "tmp-"));
  const classes = path.join(work, "classes");
  run("javac", ["-d", classes, ...javaFiles(FIXTURE)], work); // no -g, no -parameters
  run("jar", ["cf", path.join(work, "acme-api.jar"), "-C", classes, "."], work);
  reports.acme = await generate([
    path.join(work, "acme-api.jar"),
    FIXTURE,
    "--out",
    path.join(work, "acme"),
  ]);

  // Fails loudly (no skip) when Maven or Maven Central is unavailable.
  const m2 = path.join(work, "m2");
  mkdirSync(m2);
  run(
    "mvn",
    ["-B", "-q", "dependency:copy", `-Dartifact=${DUBBO}`, `-DoutputDirectory=${m2}`],
    work,
  );
  reports.dubbo = await generate([
    path.join(m2, "dubbo-3.3.6.jar"),
    "--package",
    "org.apache.dubbo.metadata.MetadataService",
    "--package",
    "org.apache.dubbo.rpc.service",
    "--out",
    path.join(work, "dubbo"),
  ]);

  const tsconfig = {
    extends: path.join(ROOT, "tsconfig.base.json"),
    compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false },
    include: ["acme/*.ts", "dubbo/*.ts"],
  };
  writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(tsconfig));
  run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", work], work);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const method = (def: ServiceDefinition, name: string) =>
  def.methods.filter((m) => m.name === name).map((m) => [m.parameterTypes, m.returnType] as const);

describe("dubbo-ts contracts on a javac-compiled API jar", () => {
  it("generates services, DTOs, enums and exceptions and says what it skipped and why", () => {
    expect(reports.acme).toContain("9 types in 1 files: 1 services, 6 DTOs, 1 enums, 1 exceptions");
    expect(reports.acme).toContain("com.acme.api.Helper: not java.io.Serializable");
    expect(reports.acme).toContain("com.acme.api.Helper$1: anonymous or local class");
    expect(reports.acme).toContain("com.acme.api.Item$Inner: inner (non-static) class");
    expect(reports.acme).toContain("com.acme.api.Marker: annotation type");
  });

  it("declares the Java types of generics, wildcards, arrays, overloads and async methods", async () => {
    const api = (await import(path.join(work, "acme/com.acme.api.ts"))) as Record<
      string,
      Constructor
    >;
    const def = resolveServiceDefinition({ contract: api.CatalogService });
    expect(method(def, "byId")).toEqual([
      [["java.util.Set<java.lang.Long>"], "java.util.Map<java.lang.Long, com.acme.api.Item>"],
    ]);
    expect(method(def, "nested")).toEqual([
      [[], "com.acme.api.Page<java.util.Map<java.lang.String, java.util.List<com.acme.api.Item>>>"],
    ]);
    expect(method(def, "wildcard")).toEqual([
      [["java.util.List"], "java.util.List<com.acme.api.Item>"],
    ]);
    expect(method(def, "findAsync")).toEqual([[["long"], "com.acme.api.Item"]]);
    expect(method(def, "find")).toEqual([
      [["long"], "com.acme.api.Item"],
      [["java.lang.String"], "com.acme.api.Item"],
      [["java.lang.String", "com.acme.api.Status"], "com.acme.api.Item"],
    ]);
    expect(method(def, "raw")).toEqual([[["char[]", "int[][]"], "byte[]"]]);
    expect(method(def, "size")).toEqual([
      [["com.acme.api.Item$Dimensions"], "com.acme.api.Item$Dimensions"],
    ]);
    expect(method(def, "generic")).toEqual([
      [["com.acme.api.Item", "java.lang.Class<com.acme.api.Item>"], "com.acme.api.Item"],
    ]);
    expect(def.methods.map((m) => m.name)).toContain("hello"); // default method: exported
    expect(def.methods.map((m) => m.name)).not.toContain("helper"); // static: not remote
  });

  it("calls each overload with its own Java types through a proxy", async () => {
    const api = (await import(path.join(work, "acme/com.acme.api.ts"))) as Record<
      string,
      Constructor
    >;
    const invoker = createFakeInvoker("dubbo://127.0.0.1:20880/com.acme.api.CatalogService");
    const proxy = createProxy<{ find(...args: unknown[]): Promise<unknown> }>({
      definition: resolveServiceDefinition({ contract: api.CatalogService }),
      invoker,
    });
    await proxy.find(7);
    await proxy.find("lenovo");
    await proxy.find("lenovo", "ACTIVE");
    expect(invoker.calls.map((c) => c.parameterTypes)).toEqual([
      ["long"],
      ["java.lang.String"],
      ["java.lang.String", "com.acme.api.Status"],
    ]);
  });

  it("registers DTO fields in Java's order without static and transient ones, and the enum", () => {
    expect(Object.entries(getJavaClass("com.acme.api.Item")?.fields ?? {})).toEqual([
      ["id", "java.lang.Long"],
      ["name", "java.lang.String"],
      ["status", "com.acme.api.Status"],
      ["tags", "java.util.List<java.lang.String>"],
      ["attrs", "java.util.Map<java.lang.String, java.lang.Object>"],
      ["dims", "com.acme.api.Item$Dimensions"],
      ["price", "double"],
      ["active", "boolean"],
      ["grade", "char"],
    ]);
    expect(Object.keys(getJavaClass("com.acme.api.SpecialItem")?.fields ?? {})[0]).toBe("bonus");
    expect(getJavaClass("com.acme.api.ItemException")?.fields).toEqual({
      code: "int",
      detail: "java.lang.String",
    });
    expect(getJavaClass("com.acme.api.Status")?.enumValues).toEqual(["ACTIVE", "RETIRED"]);
  });

  it("maps Java types to the TS types the runtime sends and receives, with source parameter names", () => {
    const text = readFileSync(path.join(work, "acme/com.acme.api.ts"), "utf8");
    for (const line of [
      "abstract byId(ids: number[] | null): Promise<Map<number, Item> | null>;",
      "abstract nested(): Promise<Page<Record<string, Item[]>> | null>;",
      "abstract find(name: string | null, status: Status | null): Promise<Item | null>;",
      "abstract raw(text: string | null, grid: (number[] | null)[] | null): Promise<Uint8Array | null>;",
      "abstract price(quantity: bigint | null, day: string | null, at: string | Date | null, within: string | null): Promise<string | null>;",
      "abstract maybe(name: string | null): Promise<Item | null>;",
      "export class SpecialItem extends Item {",
      "export class com_acme_api_Record {",
      "abstract record(all: Record<string, com_acme_api_Record> | null): Promise<com_acme_api_Record | null>;",
      "export class ItemException extends Error {",
      "export class Page<T = unknown> {",
      "  rows: T[] | null = null;",
    ]) {
      expect(text).toContain(line);
    }
  });
});

describe("dubbo-ts contracts on org.apache.dubbo:dubbo:3.3.6 from Maven Central", () => {
  it("generates MetadataService with its DTOs, and the generic and echo services", () => {
    expect(reports.dubbo).toMatch(/types in \d+ files/);
    for (const name of [
      "service   org.apache.dubbo.metadata.MetadataService",
      "dto       org.apache.dubbo.metadata.MetadataInfo",
      "dto       org.apache.dubbo.metadata.MetadataInfo$ServiceInfo",
      "service   org.apache.dubbo.rpc.service.GenericService",
      "service   org.apache.dubbo.rpc.service.EchoService",
      "exception org.apache.dubbo.rpc.service.GenericException",
    ]) {
      expect(reports.dubbo).toContain(name);
    }
  });

  it("declares MetadataService's overloads and DTOs as Java does", async () => {
    const meta = (await import(path.join(work, "dubbo/org.apache.dubbo.metadata.ts"))) as Record<
      string,
      Constructor
    >;
    const def = resolveServiceDefinition({ contract: meta.MetadataService });
    expect(method(def, "getMetadataInfo")).toEqual([
      [["java.lang.String"], "org.apache.dubbo.metadata.MetadataInfo"],
    ]);
    expect(method(def, "getExportedURLs").map(([params]) => params.length)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(getJavaClass("org.apache.dubbo.metadata.MetadataInfo")?.fields).toMatchObject({
      app: "java.lang.String",
      revision: "java.lang.String",
      services:
        "java.util.Map<java.lang.String, org.apache.dubbo.metadata.MetadataInfo$ServiceInfo>",
    });
  });
});
