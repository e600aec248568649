#!/usr/bin/env node
// `npm run bench` — dubbo-ts against its peers and the loopback floor, in one run on one machine.
//
//   npm run bench                 full run (about 15 minutes)
//   npm run bench -- --quick      the same tables from short runs (under 2 minutes)
//
// Options (all optional):
//   --quick                       short windows: 150 ms warm-up + 400 ms measured per row
//   --impls=dubbo-ts,sofa,…       implementations to run (default: all in IMPLS below)
//   --scenarios=echo,getUser,…    scenarios (default: echo existUser createUser getUser listUser)
//   --concurrency=1,32,256        calls in flight per connection
//   --warmup=MS --duration=MS     per-row warm-up and measured window
//   --skip=codec,registry,e2e     leave parts out
//   --profile=dubbo-ts            run those implementations' agents with --cpu-prof
//                                 (profiles land in bench/results/*.cpuprofile)
//   --compare=<git ref>           also run that commit's dubbo-ts (built in a temp dir) beside this
//                                 tree's, interleaved row by row, with a ratio table; the codec
//                                 bench gets its column too. Alone it runs only dubbo-ts (add
//                                 --impls to widen) and skips the registry part.
//   --verbose                     echo every agent's output to stderr
//   --help                        print this
//
// Prints markdown to stdout (progress goes to stderr) and writes bench/results/latest.json and
// bench/results/qps.svg (with --compare: compare.json and compare.svg, leaving the published run alone). Everything listens on 127.0.0.1 and every process it starts is stopped.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { qpsChart } from "./lib/chart.mjs";
import { prepareRef, refImpl } from "./lib/compare.mjs";
import { loadImpls, runE2E } from "./lib/e2e.mjs";
import { SCENARIO_NAMES } from "./lib/payloads.mjs";
import { cpuInfo } from "./lib/proc.mjs";
import {
  OURS,
  ratioTable,
  resultsTable,
  targets,
  targetsTable,
  tripleTargets,
} from "./lib/report.mjs";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, "..");
const IMPLS = [
  "dubbo-ts",
  "dubbo-ts-app",
  "dubbo-ts-tri",
  "dubbo-ts-triple",
  "dubbo-ts-workers-1",
  "dubbo-ts-workers",
  "sofa",
  "grpc",
  "java",
  "java-tri",
  "java-triple",
  "floor",
  "http2-floor",
];
const PEERS = ["sofa", "grpc", "java", "java-tri", "java-triple", "floor", "http2-floor"];

function parseArgs(argv) {
  const o = { quick: false, verbose: false, skip: [] };
  for (const a of argv) {
    const [k, v] = a.replace(/^--/, "").split("=");
    const list = () => (v ?? "").split(",").filter(Boolean);
    const num = () => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0)
        throw new RangeError(`--${k} needs a number of ms, got "${v}"`);
      return n;
    };
    switch (k) {
      case "quick":
        o.quick = true;
        break;
      case "help":
      case "h":
        process.stdout.write(
          `${readFileSync(fileURLToPath(import.meta.url), "utf8")
            .split("\n")
            .filter((l) => l.startsWith("//"))
            .map((l) => l.slice(3))
            .join("\n")}\n`,
        );
        process.exit(0);
        break;
      case "verbose":
        o.verbose = true;
        break;
      case "impls":
      case "only":
        o.impls = list();
        break;
      case "scenarios":
        o.scenarios = list();
        break;
      case "concurrency":
        o.concurrency = list().map(Number);
        break;
      case "warmup":
        o.warmupMs = num();
        break;
      case "duration":
        o.durationMs = num();
        break;
      case "skip":
        o.skip = list();
        break;
      case "profile":
        o.profile = list();
        break;
      case "compare":
        if (!v) throw new RangeError("--compare needs a git ref, e.g. --compare=main");
        o.compare = v;
        break;
      default:
        throw new RangeError(`unknown option ${a}; see the comment at the top of bench/run.mjs`);
    }
  }
  for (const s of o.scenarios ?? []) {
    if (!SCENARIO_NAMES.includes(s))
      throw new RangeError(`unknown scenario ${s}; known: ${SCENARIO_NAMES.join(", ")}`);
  }
  for (const i of o.impls ?? []) {
    if (!existsSync(path.join(benchDir, "impls", `${i}.mjs`)))
      throw new RangeError(`unknown implementation ${i}; known: ${IMPLS.join(", ")}`);
  }
  if (o.compare && !argv.some((a) => a.startsWith("--skip"))) o.skip = ["registry"];
  return {
    ...o,
    impls: o.impls ?? (o.compare ? ["dubbo-ts"] : IMPLS),
    scenarios: o.scenarios ?? SCENARIO_NAMES,
    concurrency: o.concurrency ?? [1, 32, 256],
    warmupMs: o.warmupMs ?? (o.quick ? 150 : 2000),
    durationMs: o.durationMs ?? (o.quick ? 400 : 5000),
    prewarmMs: o.quick ? 200 : 2000,
  };
}

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8"))
      .version;
  } catch {
    return undefined;
  }
}

const t0 = Date.now();
const log = (line) =>
  process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const outDir = path.join(benchDir, "results");
  mkdirSync(outDir, { recursive: true });
  const cpu = cpuInfo();
  const env = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpuModel: cpu.model,
    cpus: cpu.count ?? os.cpus().length,
    loadavgStart: os.loadavg(),
    versions: {
      "sofa-rpc-node": versionOf("sofa-rpc-node"),
      "dubbo-remoting": versionOf("dubbo-remoting"),
      "hessian.js": versionOf("hessian.js"),
      "js-to-java": versionOf("js-to-java"),
      "@grpc/grpc-js": versionOf("@grpc/grpc-js"),
      protobufjs: versionOf("protobufjs"),
    },
  };
  const result = {
    mode: options.quick ? "quick" : "full",
    options: {
      impls: options.impls,
      scenarios: options.scenarios,
      concurrency: options.concurrency,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
    },
    env,
  };
  const started = Date.now();
  const compare = options.compare ? prepareRef(options.compare, log) : undefined;
  if (compare) result.compare = { ref: options.compare, commit: compare.commit };

  if (!options.skip.includes("e2e")) {
    const impls = [];
    for (const impl of await loadImpls(options.impls)) {
      impls.push(impl);
      // The ref's row right after ours, so the two are measured back to back.
      if (compare && OURS.includes(impl.name)) impls.push(refImpl(compare, impl.name));
    }
    const { rows, skipped } = await runE2E(impls, { ...options, profileDir: outDir }, log);
    result.e2e = {
      rows,
      skipped,
      targets: {
        ...Object.fromEntries(OURS.map((o) => [o, targets(rows, o)])),
        "dubbo-ts-triple": tripleTargets(rows),
      },
    };
  }
  if (!options.skip.includes("codec")) {
    const { runCodecBench } = await import("./codec.mjs");
    result.codec = await runCodecBench({ quick: options.quick, log, compare });
  }
  if (!options.skip.includes("registry")) {
    const { runRegistryBench } = await import("./registry.mjs");
    result.registry = await runRegistryBench({
      quick: options.quick,
      log,
      verbose: options.verbose,
    });
  }
  env.loadavgEnd = os.loadavg();
  result.elapsedMs = Date.now() - started;

  // A --compare run is a same-run A/B, not a run to publish: it keeps its own files.
  const files = options.compare
    ? { json: "compare.json", svg: "compare.svg" }
    : { json: "latest.json", svg: "qps.svg" };
  result.files = files;
  writeFileSync(path.join(outDir, files.json), `${JSON.stringify(result, null, 2)}\n`);
  if (result.e2e) {
    const subtitle = `${result.mode} run ${env.date.slice(0, 10)} · Node ${env.node} · ${env.cpus} vCPU ${env.cpuModel ?? ""} · client and server on one machine`;
    writeFileSync(
      path.join(outDir, files.svg),
      qpsChart(result.e2e.rows, {
        title: "QPS by concurrency (one connection, loopback)",
        subtitle,
      }),
    );
  }
  process.stdout.write(markdown(result));
}

function markdown(result) {
  const { env } = result;
  const out = [];
  out.push(`## dubbo-ts benchmark (${result.mode} run)`);
  out.push("");
  out.push(
    `${env.date} · Node ${env.node} · ${env.platform} · ${env.cpus} × ${env.cpuModel ?? "unknown CPU"} · ` +
      `load average ${env.loadavgStart.map((v) => v.toFixed(2)).join("/")} at start, ${env.loadavgEnd.map((v) => v.toFixed(2)).join("/")} at end`,
  );
  out.push("");
  if (result.mode === "quick") {
    out.push(
      "**Quick run: windows far too short for performance claims; use `npm run bench` for numbers to quote.**",
    );
    out.push("");
  }
  if (result.e2e) {
    const o = result.options;
    out.push(
      `Closed loop, client and server in separate processes on 127.0.0.1, one connection per client, ` +
        `${o.warmupMs} ms warm-up + ${o.durationMs} ms measured per row. Server CPU is the server process's ` +
        `CPU time (user + system, /proc) over the measured window divided by the calls completed in it.`,
    );
    out.push("");
    for (const s of result.e2e.skipped)
      out.push(`- not run: **${s.label}** — ${s.reason.split("\n")[0]}`);
    if (result.e2e.skipped.length) out.push("");
    out.push(resultsTable(result.e2e.rows));
    const loaded = result.e2e.rows.filter((r) => r.loaded).length;
    out.push("");
    out.push(
      `Load is the machine's 1-minute load average at the end of each row; ⚠ marks rows measured while it exceeded the ${env.cpus} cores` +
        (loaded
          ? ` (${loaded} of ${result.e2e.rows.length} rows: compare within this run only).`
          : " (none)."),
    );
    out.push("");
    const labels = Object.fromEntries(result.e2e.rows.map((r) => [r.impl, r.label]));
    const ran = (impl) => result.e2e.rows.some((r) => r.impl === impl && !r.failed);
    for (const ours of OURS) {
      const peers = [`${ours}@ref`, ...PEERS].filter(ran);
      if (!ran(ours) || !peers.length) continue;
      out.push(`QPS ratios of **${labels[ours]}** to each peer (higher is better for dubbo-ts):`);
      out.push("");
      out.push(ratioTable(result.e2e.rows, ours, peers, labels));
      out.push("");
      if (!PEERS.some(ran)) continue;
      out.push(`Targets of issues 7 and 19 for **${labels[ours]}**:`);
      out.push("");
      out.push(targetsTable(targets(result.e2e.rows, ours)));
      out.push("");
    }
    // Triple: our IDL and wrapper rows against the gRPC/Triple peers and node:http2 itself.
    for (const [ours, peers] of [
      ["dubbo-ts-triple", ["grpc", "java-triple", "http2-floor"]],
      ["dubbo-ts-tri", ["java-tri", "http2-floor"]],
      ["dubbo-ts-workers", ["dubbo-ts-workers-1"]],
    ]) {
      const present = peers.filter(ran);
      if (!ran(ours) || !present.length) continue;
      out.push(`QPS ratios of **${labels[ours]}**:`);
      out.push("");
      out.push(ratioTable(result.e2e.rows, ours, present, labels));
      out.push("");
    }
    if (ran("dubbo-ts-triple") && (ran("grpc") || ran("java-triple"))) {
      out.push(`Targets of issue 16 for **${labels["dubbo-ts-triple"]}**:`);
      out.push("");
      out.push(targetsTable(tripleTargets(result.e2e.rows)));
      out.push("");
    }
    out.push(
      `Chart: bench/results/${result.files.svg}; raw data: bench/results/${result.files.json}.`,
    );
    out.push("");
  }
  if (result.codec) {
    out.push(result.codec.markdown);
    out.push("");
  }
  if (result.registry) {
    out.push(result.registry.markdown);
    out.push("");
  }
  out.push(`Total time ${(result.elapsedMs / 1000).toFixed(0)} s.`);
  return `${out.join("\n")}\n`;
}

main().catch((err) => {
  console.error(err?.stack ?? String(err));
  process.exit(1);
});
