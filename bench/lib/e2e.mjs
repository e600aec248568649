// The end-to-end comparison: every implementation's server and client run as separate processes
// at the same time; rows are interleaved (for each scenario, for each concurrency, each
// implementation in turn) so that load from elsewhere on the machine hits all of them alike.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Agent } from "./channel.mjs";
import { cpuTimeOfTree, sampleRss } from "./proc.mjs";

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const agentPath = path.join(benchDir, "agent.mjs");

/**
 * @typedef {object} Impl
 * @property {string} name        short id (file name in bench/impls)
 * @property {string} label       what the report shows
 * @property {() => (string | undefined | Promise<string | undefined>)} [unavailable]
 *   a reason to skip this implementation (not built, no Java…), or undefined to run it
 * @property {(o: { host: string }) => { command: string, args: string[], cwd?: string }} [serverCommand]
 *   for implementations whose agents are not Node (Java): the command that starts the server agent
 * @property {(o: { host: string, port: number }) => { command: string, args: string[], cwd?: string }} [clientCommand]
 * @property {number} [prewarmFactor] multiplies the pre-row warm-up pass (a JIT that needs longer: Java)
 */

/** Loads the adapters of bench/impls by name, in the order given. */
export async function loadImpls(names) {
  const impls = [];
  for (const name of names) {
    const mod = await import(path.join(benchDir, "impls", `${name}.mjs`));
    impls.push(mod.default);
  }
  return impls;
}

function nodeAgent(impl, role, extra, options) {
  const flags = [];
  if (options.profile?.includes(impl.name)) {
    flags.push(
      "--cpu-prof",
      `--cpu-prof-dir=${options.profileDir}`,
      `--cpu-prof-name=${impl.name}-${role}-${Date.now()}.cpuprofile`,
    );
  }
  return new Agent(
    `${impl.name} ${role}`,
    process.execPath,
    [...flags, agentPath, role, impl.name, ...extra],
    {
      cwd: path.resolve(benchDir, ".."),
      verbose: options.verbose,
    },
  );
}

function externalAgent(impl, role, spec, options) {
  return new Agent(`${impl.name} ${role}`, spec.command, spec.args, {
    cwd: spec.cwd,
    verbose: options.verbose,
  });
}

/** Starts the server then the client agent of one implementation; resolves with both. */
async function startPair(impl, options) {
  const host = "127.0.0.1";
  const server = impl.serverCommand
    ? externalAgent(impl, "server", impl.serverCommand({ host }), options)
    : nodeAgent(impl, "server", [], options);
  const ready = await server.waitEvent("ready", 120_000);
  const port = ready.port;
  const client = impl.clientCommand
    ? externalAgent(impl, "client", impl.clientCommand({ host, port }), options)
    : nodeAgent(impl, "client", [String(port)], options);
  try {
    await client.waitEvent("ready", 120_000);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { impl, server, client, port };
}

/**
 * Runs one row on one pair: the client runs the load; when it opens and closes its measurement
 * window, the runner reads the server's CPU time (the agent's own `process.cpuUsage()`, or the
 * JVM's process CPU time) and samples both processes' RSS from /proc in between.
 */
async function runRow(pair, row, options) {
  let cpuStart;
  let cpuEnd;
  let procStart;
  let procEnd;
  let sampler;
  const off = pair.client.onEvent((ev) => {
    if (ev.event === "measure-start") {
      procStart = cpuTimeOfTree(pair.server.pid);
      cpuStart = pair.server.request({ cmd: "cpu" });
      sampler = sampleRss([pair.server.pid, pair.client.pid]);
    } else if (ev.event === "measure-end") {
      procEnd = cpuTimeOfTree(pair.server.pid);
      cpuEnd = pair.server.request({ cmd: "cpu" });
    }
  });
  try {
    const result = await pair.client.request(
      { cmd: "run", ...row, warmupMs: options.warmupMs, durationMs: options.durationMs },
      options.warmupMs + options.durationMs + 120_000,
    );
    // The 1-minute load average as the window closes: a row measured while other work kept
    // more runnable threads than cores is flagged, since both its processes were starved.
    const loadavg = os.loadavg()[0];
    const peaks = sampler ? sampler.stop() : {};
    const [a, b] = await Promise.all([cpuStart, cpuEnd]);
    // The runner's /proc reading is taken the moment the client opens/closes its window; the
    // agent's own reading waits for the server's event loop, which at high load answers late.
    const selfReportedUs = a && b ? b.cpuUs - a.cpuUs : undefined;
    const serverCpuUs =
      procStart !== undefined && procEnd !== undefined ? procEnd - procStart : selfReportedUs;
    return {
      impl: pair.impl.name,
      label: pair.impl.label,
      scenario: row.scenario,
      concurrency: row.concurrency,
      qps: result.qps,
      count: result.count,
      errors: result.errors,
      firstError: result.firstError,
      windowMs: result.windowMs,
      latencyMs: result.latencyMs,
      serverCpuUsPerReq:
        serverCpuUs !== undefined && result.count ? serverCpuUs / result.count : undefined,
      serverCpuUsPerReqSelfReported:
        selfReportedUs !== undefined && result.count ? selfReportedUs / result.count : undefined,
      clientCpuUsPerReq: result.count ? result.clientCpuUs / result.count : undefined,
      serverPeakRss: peaks[pair.server.pid],
      clientPeakRss: peaks[pair.client.pid],
      loadavg,
      loaded: loadavg > os.cpus().length,
    };
  } catch (err) {
    sampler?.stop();
    return {
      impl: pair.impl.name,
      label: pair.impl.label,
      scenario: row.scenario,
      concurrency: row.concurrency,
      failed: String(err?.message ?? err).slice(0, 3000),
    };
  } finally {
    off();
  }
}

/**
 * Runs the whole matrix. `log` gets one progress line per row (stderr). Returns rows plus the
 * implementations that could not run and why.
 */
export async function runE2E(impls, options, log) {
  const pairs = [];
  const skipped = [];
  try {
    for (const impl of impls) {
      const reason = await impl.unavailable?.();
      if (reason) {
        skipped.push({ impl: impl.name, label: impl.label, reason });
        log(`skip ${impl.name}: ${reason}`);
        continue;
      }
      try {
        pairs.push(await startPair(impl, options));
        log(`started ${impl.name}`);
      } catch (err) {
        skipped.push({
          impl: impl.name,
          label: impl.label,
          reason: `failed to start: ${err.message}`,
        });
        log(`skip ${impl.name}: failed to start\n${err.message}`);
      }
    }

    // One short pass per scenario before any row: JIT warm-up, class loading, connection set-up.
    for (const pair of pairs) {
      for (const scenario of options.scenarios) {
        await runRow(
          pair,
          { scenario, concurrency: 32 },
          {
            ...options,
            warmupMs: 0,
            durationMs: options.prewarmMs * (pair.impl.prewarmFactor ?? 1),
          },
        );
      }
    }

    const rows = [];
    for (const scenario of options.scenarios) {
      for (const concurrency of options.concurrency) {
        for (const pair of pairs) {
          if (pair.dead) continue;
          const row = await runRow(pair, { scenario, concurrency }, options);
          rows.push(row);
          if (row.failed) {
            log(
              `${scenario} c=${concurrency} ${pair.impl.name}: FAILED ${row.failed.split("\n")[0]}`,
            );
            if (pair.client.exited || pair.server.exited) pair.dead = true;
          } else {
            log(
              `${scenario.padEnd(10)} c=${String(concurrency).padEnd(3)} ${pair.impl.name.padEnd(9)} ` +
                `${Math.round(row.qps).toString().padStart(7)} req/s  p99 ${row.latencyMs.p99?.toFixed(2)} ms` +
                `  load ${row.loadavg.toFixed(2)}${row.loaded ? " (above the core count)" : ""}` +
                (row.errors ? `  ${row.errors} errors` : ""),
            );
          }
        }
      }
    }
    return { rows, skipped };
  } finally {
    await Promise.all(pairs.flatMap((p) => [p.client.stop(), p.server.stop()]));
  }
}
