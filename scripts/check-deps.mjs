#!/usr/bin/env node
// Fails on import cycles (madge) and on imports against the allowed direction:
//   - packages: examples → plugins → core. Each package lists what it may import; core imports
//     no other package; no package imports an example, a test harness, interop or bench code.
//   - everything else (examples, test/, interop/, bench/) reaches a package or another example
//     only by its package name (`@dubbo-ts/core`, `@dubbo-ts/example-sellergoods-service/contract`),
//     never by a relative path into its folder (no `../../packages/x/src`, no `dist/`), and shared
//     test helpers come from the private `@dubbo-ts/test-support` workspace (test/support).
//   - `scripts/` (the ZooKeeper ensemble manager) may be imported by tests, bench and examples' tests.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import madge from "madge";

/** What each package may import (by name or relative path). */
const ALLOWED = {
  core: ["core"],
  protocol: ["protocol", "core"],
  "registry-zookeeper": ["registry-zookeeper", "core"],
  qos: ["qos", "core"],
  tracing: ["tracing", "core"],
  cli: ["cli", "core", "protocol", "registry-zookeeper"],
  // Triple reuses the hessian2 codec, only through @dubbo-ts/protocol/codec (ONLY_VIA).
  triple: ["triple", "core", "protocol"],
  nestjs: ["nestjs", "core"],
  fastify: ["fastify", "core"],
};

/** Imports a package may make only through one entry: `from → to → the only specifier`. */
const ONLY_VIA = { triple: { protocol: "@dubbo-ts/protocol/codec" } };

/** The unit a file belongs to: `packages/x`, `examples/x`, `test-support`, `test`, `interop`, `bench`, `scripts`. */
function unitOf(file) {
  const parts = path.relative(process.cwd(), path.resolve(file)).split(path.sep);
  if (parts[0] === "packages" || parts[0] === "examples") return `${parts[0]}/${parts[1]}`;
  if (parts[0] === "test" && parts[1] === "support") return "test-support";
  if (["test", "interop", "bench", "scripts"].includes(parts[0])) return parts[0];
  return undefined;
}

/** `@dubbo-ts/core/spi` → packages/core; `@dubbo-ts/example-x/…` → examples/x; test-support. */
function unitOfPackageName(spec) {
  const name = spec.slice("@dubbo-ts/".length).split("/")[0];
  if (name === "test-support") return "test-support";
  if (name.startsWith("example-")) return `examples/${name.slice("example-".length)}`;
  return `packages/${name}`;
}

/** Whether a file is a test or test helper (may use test-support and scripts). */
function isTestFile(file) {
  return /(^|\/)test\/|\.test\.ts$/.test(path.relative(process.cwd(), file));
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    if (["node_modules", "dist", "target", "results", "java"].includes(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mts|mjs|js)$/.test(entry) && !entry.endsWith(".d.ts")) yield full;
  }
}

const problems = [];
const roots = ["packages", "examples", "test", "interop", "bench"];

const result = await madge(["packages", "examples"], {
  fileExtensions: ["ts"],
  tsConfig: "tsconfig.test.json",
  excludeRegExp: [/node_modules/, /dist\//],
});
for (const cycle of result.circular()) problems.push(`import cycle: ${cycle.join(" → ")}`);

/** The problem with `file` (in unit `from`) importing `to`, or undefined when allowed. */
function check(file, from, to, spec, byName) {
  if (!to || to === from) return undefined;
  if (to === "scripts") {
    return ["test", "bench", "interop", "test-support"].includes(from) || isTestFile(file)
      ? undefined
      : `only tests, interop and bench may import scripts/ (${spec})`;
  }
  if (to === "test-support") {
    return isTestFile(file) || ["test", "interop", "bench"].includes(from)
      ? undefined
      : `only tests may import @dubbo-ts/test-support (${spec})`;
  }
  if (!byName)
    return `reaches into ${to} by a relative path (${spec}); import it by its package name`;
  if (to === "test" || to === "interop" || to === "bench") return `must not import ${to} (${spec})`;
  if (from.startsWith("packages/")) {
    const mine = from.slice("packages/".length);
    const target = to.startsWith("packages/") ? to.slice("packages/".length) : to;
    if (!ALLOWED[mine]) return `${mine} is missing from ALLOWED in scripts/check-deps.mjs`;
    if (!ALLOWED[mine].includes(target)) {
      return `${mine} must not import ${target} (${spec}); allowed: ${ALLOWED[mine].join(", ")}`;
    }
    const via = ONLY_VIA[mine]?.[target];
    if (via && spec !== via) return `${mine} may import ${target} only through ${via} (${spec})`;
  }
  return undefined;
}

const importRe =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']/g;
for (const root of roots) {
  for (const file of sourceFiles(root)) {
    const from = unitOf(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      let to;
      let byName = false;
      if (spec.startsWith("@dubbo-ts/")) {
        to = unitOfPackageName(spec);
        byName = true;
      } else if (spec.startsWith(".")) {
        to = unitOf(path.join(path.dirname(file), spec));
      }
      const problem = check(file, from, to, spec, byName);
      if (problem) problems.push(`${file}: ${problem}`);
    }
  }
}

if (problems.length) {
  console.error(`dependency check failed:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `dependency check: ${Object.keys(result.obj()).length} files, no cycles, import direction respected in ${roots.join(", ")}`,
);
