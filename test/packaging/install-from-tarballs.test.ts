/**
 * The packages as a project outside this repository gets them: every publishable workspace package
 * is packed (`npm pack`, whose `prepack` builds it) and the tarballs are installed into a new
 * project under the OS temp folder. There, once per run: the tarballs' contents are checked,
 * are-the-types-wrong checks every tarball (node10, node16-cjs, node16-esm, bundler), a TypeScript
 * ESM consumer (NodeNext) and a TypeScript CommonJS consumer (NestJS's default tsconfig) compile,
 * and a plain JavaScript provider and consumer talk through the test ZooKeeper ensemble, as do the
 * two compiled consumers. See docs/packaging.md.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePortBase } from "../../scripts/zk-ensemble.mjs";
import { cleanEnv, type PackedProject, packAndInstall } from "./packed-project.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let project: PackedProject;
let provider: ChildProcess | undefined;
let providerOutput = "";

/**
 * The one rule not enforced, for node16 from CommonJS: the packages are ESM only (no CJS build, so
 * no dual-package hazard and one copy of core's tables); Node 20.19+ `require()`s them and
 * TypeScript ≥ 5.8 with `module: nodenext` compiles such requires. docs/packaging.md says why.
 */
const IGNORED_ATTW = "CJSResolvesToESM";

/** Environment of the processes of the temp project: the test ensemble, HOME in the temp dir. */
function env(): NodeJS.ProcessEnv {
  return cleanEnv({
    DUBBO_REGISTRY_ADDRESS: `zookeeper://${inject("zkConnect")}`,
    HOME: project.tmp,
  });
}

/** Runs `node file` in the temp project; returns its stdout or throws with its output. */
function runNode(file: string): string {
  return execFileSync(process.execPath, [file], {
    cwd: project.app,
    env: env(),
    encoding: "utf8",
    timeout: 60_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Compiles one consumer folder with the TypeScript installed in the temp project. */
function tsc(folder: string): void {
  const bin = path.join(project.app, "node_modules/typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [bin, "-p", path.join(project.app, folder)], {
      cwd: project.app,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${folder} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

/** Starts the plain JS provider once, on a free port; resolves when it printed "ready". */
async function startProvider(): Promise<void> {
  if (provider) return;
  const port = await findFreePortBase(1);
  const child = spawn(process.execPath, ["plain/provider.mjs"], {
    cwd: project.app,
    env: { ...env(), DUBBO_PROTOCOL_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  provider = child;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      providerOutput += chunk.toString();
      if (/^ready$/m.test(providerOutput)) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) =>
      reject(new Error(`the provider exited (${code ?? signal}):\n${providerOutput}`)),
    );
  });
}

beforeAll(() => {
  project = packAndInstall(root);
}, 600_000);

afterAll(async () => {
  if (provider && provider.exitCode === null) {
    const exited = new Promise((resolve) => provider!.once("exit", resolve));
    provider.kill("SIGKILL");
    await exited;
  }
  if (project) rmSync(project.tmp, { recursive: true, force: true });
});

describe("the tarballs", () => {
  it("hold compiled JS, declarations, sources for the maps, LICENSE, README and CHANGELOG only", () => {
    expect(project.tarballs.map((t) => t.pkg.name)).toContain("@dubbo-ts/core");
    for (const { pkg, files } of project.tarballs) {
      for (const needed of ["package.json", "LICENSE", "README.md", "CHANGELOG.md"]) {
        expect(files, `${pkg.name} ships ${needed}`).toContain(needed);
      }
      expect(
        files.some((f) => /^dist\/.*\.js$/.test(f)),
        `${pkg.name} ships dist/*.js`,
      ).toBe(true);
      const unwanted = files.filter(
        (f) =>
          f.endsWith(".tsbuildinfo") ||
          /\.(test|spec)\.[cm]?[jt]s/.test(f) ||
          /(^|\/)(test|tests|fixtures|__tests__)\//.test(f),
      );
      expect(unwanted, `${pkg.name} ships no build info or tests`).toEqual([]);
    }
  });

  it("declare repository, homepage, bugs, sideEffects, and types for every module resolution", () => {
    for (const { pkg, files } of project.tarballs) {
      const m = pkg.manifest as Record<string, unknown> & {
        exports?: Record<string, Record<string, string> | string>;
      };
      for (const key of ["repository", "homepage", "bugs", "license", "sideEffects"]) {
        expect(m[key], `${pkg.name}: ${key}`).toBeDefined();
      }
      expect(m.type).toBe("module");
      // A library (a package with exports; a bin-only CLI has none) also serves node10 and tools
      // that ignore "exports": top-level main and types, and typesVersions for each subpath.
      if (!m.exports) continue;
      expect(m.main, `${pkg.name}: main`).toBeDefined();
      expect(m.types, `${pkg.name}: types`).toBeDefined();
      const typesVersions = (m.typesVersions as Record<string, Record<string, string[]>>)?.["*"];
      for (const [subpath, target] of Object.entries(m.exports)) {
        const targets = typeof target === "string" ? [target] : Object.values(target);
        for (const file of targets) {
          expect(files, `${pkg.name} "${subpath}" → ${file}`).toContain(file.replace(/^\.\//, ""));
        }
        if (subpath !== "." && subpath !== "./package.json") {
          expect(
            typesVersions?.[subpath.slice(2)],
            `${pkg.name}: typesVersions for ${subpath}`,
          ).toEqual([(target as Record<string, string>).types]);
        }
      }
    }
  });

  it("ship source maps whose sources are in the package", () => {
    for (const { pkg, files } of project.tarballs) {
      const shipped = new Set(files);
      const maps = files.filter((f) => f.endsWith(".map"));
      expect(maps.length, `${pkg.name} ships source maps`).toBeGreaterThan(0);
      for (const map of maps) {
        const text = readFileSync(path.join(project.app, "node_modules", pkg.name, map), "utf8");
        const { sources } = JSON.parse(text) as { sources: string[] };
        for (const source of sources) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(map), source));
          expect(shipped.has(target), `${pkg.name}/${map} → ${source}`).toBe(true);
        }
      }
    }
  });

  it("make every plugin take @dubbo-ts/core as a peer dependency, never a dependency", () => {
    for (const { pkg } of project.tarballs) {
      if (pkg.name === "@dubbo-ts/core") continue;
      const m = pkg.manifest as {
        peerDependencies?: Record<string, string>;
        dependencies?: Record<string, string>;
      };
      expect(m.peerDependencies?.["@dubbo-ts/core"], `${pkg.name} peer`).toBeDefined();
      expect(m.dependencies?.["@dubbo-ts/core"], `${pkg.name} dependency`).toBeUndefined();
    }
  });

  it("pass are-the-types-wrong for node10, node16 (CJS and ESM) and bundler resolution", () => {
    const attw = path.join(root, "node_modules/@arethetypeswrong/cli/dist/index.js");
    for (const { pkg, file } of project.tarballs) {
      if (!pkg.manifest.exports) continue; // a bin-only package has no entry point to check
      const out = execFileSync(
        process.execPath,
        [attw, file, "--format", "json", "--ignore-rules", "cjs-resolves-to-esm"],
        { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      );
      const { problems } = JSON.parse(out) as {
        problems: Record<string, { kind: string; resolutionKind?: string; entrypoint?: string }[]>;
      };
      const all = Object.values(problems ?? {}).flat();
      const real = all.filter((p) => p.kind !== IGNORED_ATTW);
      expect(real, `${pkg.name}: attw problems`).toEqual([]);
      // The ignored rule may only concern require() from CommonJS under node16.
      for (const p of all) expect(p.resolutionKind, `${pkg.name}`).toBe("node16-cjs");
    }
  }, 300_000);
});

describe("a project outside the repository", () => {
  it("compiles a TypeScript ESM consumer (NodeNext, strict, library types checked)", () => {
    tsc("esm");
    expect(existsSync(path.join(project.app, "esm/dist/main.js"))).toBe(true);
  }, 120_000);

  it("compiles a TypeScript CommonJS consumer with NestJS's default tsconfig", () => {
    tsc("cjs");
    expect(readFileSync(path.join(project.app, "cjs/dist/main.js"), "utf8")).toContain(
      'require("@dubbo-ts/core")',
    );
  }, 120_000);

  it("compiles the same CommonJS consumer with module nodenext (require of ESM)", () => {
    tsc("cjs-nodenext");
    expect(readFileSync(path.join(project.app, "cjs-nodenext/dist/main.js"), "utf8")).toContain(
      'require("@dubbo-ts/core")',
    );
  }, 120_000);

  it("runs a plain JavaScript provider and consumer through ZooKeeper", async () => {
    await startProvider();
    expect(JSON.parse(runNode("plain/consumer.mjs"))).toEqual({ text: "hello plain js", count: 2 });
  }, 120_000);

  it("runs the compiled ESM and CommonJS consumers against that provider", async () => {
    await startProvider();
    if (!existsSync(path.join(project.app, "esm/dist/main.js"))) tsc("esm");
    if (!existsSync(path.join(project.app, "cjs/dist/main.js"))) tsc("cjs");
    expect(JSON.parse(runNode("esm/dist/main.js"))).toEqual({
      text: "hello typescript esm",
      count: 3,
    });
    expect(JSON.parse(runNode("cjs/dist/main.js"))).toEqual({
      text: "hello typescript cjs",
      count: 4,
    });
  }, 120_000);

  it("runs a CommonJS Nest application context whose provider gets the reference from @dubbo-ts/nestjs", async () => {
    await startProvider();
    if (!existsSync(path.join(project.app, "cjs/dist/nest.js"))) tsc("cjs");
    expect(JSON.parse(runNode("cjs/dist/nest.js"))).toEqual({ text: "hello nest cjs", count: 5 });
  }, 120_000);

  it("fails with both paths named when a plugin brings its own copy of core", () => {
    // What npm does after a version skew: a second core nested under the plugin that needs it.
    const core = path.join(project.app, "node_modules/@dubbo-ts/core");
    const nested = path.join(
      project.app,
      "node_modules/@dubbo-ts/protocol/node_modules/@dubbo-ts/core",
    );
    cpSync(core, nested, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(nested, "package.json"), "utf8"));
    writeFileSync(
      path.join(nested, "package.json"),
      JSON.stringify({ ...manifest, version: "0.0.0-skew" }),
    );
    try {
      let failure = "";
      try {
        runNode("plain/consumer.mjs");
      } catch (err) {
        failure = String((err as { stderr?: string }).stderr);
      }
      expect(failure).toContain("two copies of @dubbo-ts/core");
      expect(failure).toContain(`${core}${path.sep} (version`);
      expect(failure).toContain(`${nested}${path.sep} (version`);
      expect(failure).toContain("0.0.0-skew");
    } finally {
      rmSync(path.join(project.app, "node_modules/@dubbo-ts/protocol/node_modules"), {
        recursive: true,
        force: true,
      });
    }
  }, 120_000);
});
