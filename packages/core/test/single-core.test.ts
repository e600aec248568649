/**
 * Two real copies of @dubbo-ts/core (its built `dist/` and package.json copied twice, as npm
 * nests a second copy under a plugin after a version skew) loaded in one Node process: the second
 * one to register or look up a Java class must throw, naming both copies. Runs in a child process
 * so that this worker's own core is not involved.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const core = path.join(root, "packages/core");
let tmp: string;

/** Copies core's dist/ and package.json to `tmp/<name>/` and returns that folder. */
function copyOfCore(name: string, version: string): string {
  const dir = path.join(tmp, name);
  cpSync(path.join(core, "dist"), path.join(dir, "dist"), { recursive: true });
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "@dubbo-ts/core", version, type: "module" }),
  );
  return dir;
}

/** Runs `script` (ESM) in a child Node process inside `tmp` and returns what it printed. */
function run(script: string): string {
  const file = path.join(tmp, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  return execFileSync(process.execPath, [file], { cwd: tmp, encoding: "utf8" });
}

const tryBoth = (a: string, b: string) => `
  const a = await import(${JSON.stringify(`${a}/dist/spi.js`)});
  const b = await import(${JSON.stringify(`${b}/dist/spi.js`)});
  a.defineJavaClass({ name: "com.example.Dto", fields: { id: "long" } });
  try {
    b.getJavaClass("com.example.Dto");
    console.log(JSON.stringify({ ok: true }));
  } catch (err) {
    console.log(JSON.stringify({ ok: false, message: err.message }));
  }
`;

describe("two copies of @dubbo-ts/core in one process", () => {
  beforeAll(() => {
    if (!existsSync(path.join(core, "dist/index.js"))) {
      throw new Error("packages/core/dist is missing: run `npx tsc -b` before this test");
    }
    tmp = mkdtempSync(path.join(tmpdir(), "dubbo-ts-two-cores-"));
    // The copies find pino and reflect-metadata through the workspace's node_modules.
    symlinkSync(path.join(root, "node_modules"), path.join(tmp, "node_modules"), "dir");
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("throws on the second copy's first Java class use, naming both copies and versions", () => {
    const first = copyOfCore("first", "0.1.0");
    const second = copyOfCore("second", "0.2.0");
    const out = JSON.parse(run(tryBoth(first, second))) as { ok: boolean; message?: string };
    expect(out.ok).toBe(false);
    expect(out.message).toContain("two copies of @dubbo-ts/core");
    expect(out.message).toContain(`${first}${path.sep} (version 0.1.0, used first)`);
    expect(out.message).toContain(`${second}${path.sep} (version 0.2.0)`);
    expect(out.message).toContain("npm ls @dubbo-ts/core");
  });

  it("accepts the same copy evaluated twice (same path, e.g. a test runner's module reset)", () => {
    const only = copyOfCore("only", "0.1.0");
    const out = run(`
      const core = await import(${JSON.stringify(`${only}/dist/spi.js`)});
      core.defineJavaClass({ name: "com.example.Dto", fields: { id: "long" } });
      // A query string makes Node evaluate the module again: a fresh instance, the same path.
      const again = await import(${JSON.stringify(`${only}/dist/single-core.js?again`)});
      again.assertSingleCore();
      console.log(core.getJavaClass("com.example.Dto").name);
    `);
    expect(out.trim()).toBe("com.example.Dto");
  });
});
