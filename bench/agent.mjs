// A benchmark agent: one process that is either the server or the client of one implementation.
//
//   node bench/agent.mjs server <impl>
//   node bench/agent.mjs client <impl> <port>
//
// It loads bench/impls/<impl>.mjs (see bench/impls/README.md for the adapter contract) and speaks
// the control protocol of lib/channel.mjs. The client runs closed-loop load: `concurrency` workers
// share the adapter's single connection, each sending its next call as soon as the previous one
// answers (dubbo-benchmark: 32 JMH threads on one stub, one TCP connection).
import { performance } from "node:perf_hooks";
import { emit, serveCommands } from "./lib/channel.mjs";
import { SCENARIOS } from "./lib/payloads.mjs";
import { Samples } from "./lib/stats.mjs";

const HOST = "127.0.0.1";
const [role, implName, portText] = process.argv.slice(2);
if (!["server", "client"].includes(role) || !implName) {
  console.error("usage: node bench/agent.mjs server <impl> | client <impl> <port>");
  process.exit(2);
}

const adapter = (await import(`./impls/${implName}.mjs`)).default;

function snapshot() {
  const cpu = process.cpuUsage();
  return {
    cpuUs: cpu.user + cpu.system,
    rss: process.memoryUsage.rss(),
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
}

async function exitSoon(closeFn) {
  try {
    await closeFn?.();
  } finally {
    // Let the reply flush before exiting; process.exit also writes --cpu-prof profiles.
    setTimeout(() => process.exit(0), 50);
  }
}

if (role === "server") {
  const server = await adapter.startServer({ host: HOST });
  serveCommands(async (command) => {
    switch (command.cmd) {
      case "cpu":
        return snapshot();
      case "exit":
      case "stdin-closed":
        exitSoon(() => server.close());
        return {};
      default:
        throw new Error(`unknown command ${command.cmd}`);
    }
  });
  emit({ event: "ready", port: server.port, pid: process.pid });
} else {
  const client = await adapter.startClient({ host: HOST, port: Number(portText) });
  serveCommands(async (command) => {
    switch (command.cmd) {
      case "run":
        return run(client, command);
      case "cpu":
        return snapshot();
      case "exit":
      case "stdin-closed":
        exitSoon(() => client.close());
        return {};
      default:
        throw new Error(`unknown command ${command.cmd}`);
    }
  });
  emit({ event: "ready", pid: process.pid });
}

const preview = (v) => {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x))?.slice(0, 300);
  } catch {
    return String(v);
  }
};

/**
 * One row: check one call's result, warm up, then measure. Emits "measure-start"/"measure-end" so
 * the runner can read the server's CPU at the same instants the throughput window opens and closes.
 */
async function run(client, { scenario, concurrency, warmupMs, durationMs }) {
  const spec = SCENARIOS[scenario];
  const fn = client.calls[scenario];
  if (!spec || !fn) throw new Error(`scenario ${scenario} not supported by ${implName}`);
  const canonical = client.canonical?.[scenario] ?? ((r) => r);
  const check = client.check?.[scenario] ?? ((r, a) => spec.check(canonical(r), a));

  const probeArg = spec.arg(7);
  const probe = await fn(probeArg);
  if (!check(probe, probeArg)) {
    throw new Error(
      `${implName} ${scenario}(${preview(probeArg)}) returned ${preview(canonical(probe))}`,
    );
  }

  const samples = new Samples();
  let seq = 0;
  let measuring = false;
  let stopped = false;
  let count = 0;
  let errors = 0;
  let firstError;
  let start = 0;
  let end = 0;

  const worker = async () => {
    while (!stopped) {
      const a = spec.arg(seq++);
      const t0 = performance.now();
      try {
        await fn(a);
      } catch (err) {
        errors++;
        firstError ??= err?.stack ?? String(err);
        await new Promise((r) => setImmediate(r));
        continue;
      }
      if (measuring) {
        samples.add(performance.now() - t0);
        count++;
      }
    }
  };

  const workers = [];
  for (let i = 0; i < concurrency; i++) workers.push(worker());

  await new Promise((r) => setTimeout(r, warmupMs));
  errors = 0;
  const cpuStart = process.cpuUsage();
  start = performance.now();
  measuring = true;
  emit({ event: "measure-start" });
  await new Promise((r) => setTimeout(r, durationMs));
  measuring = false;
  end = performance.now();
  const cpu = process.cpuUsage(cpuStart);
  emit({ event: "measure-end" });
  stopped = true;
  const drained = await Promise.race([
    Promise.all(workers).then(() => true),
    new Promise((r) => setTimeout(() => r(false), 30_000)),
  ]);

  const windowMs = end - start;
  return {
    scenario,
    concurrency,
    count,
    errors,
    firstError: firstError?.slice(0, 2000),
    windowMs,
    qps: (count / windowMs) * 1000,
    latencyMs: samples.summary(),
    clientCpuUs: cpu.user + cpu.system,
    drained,
  };
}
