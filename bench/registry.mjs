// Registry figures: how fast dubbo-ts consumers follow providers through a real ZooKeeper.
//
// A 3-node ensemble (scripts/zk-ensemble.mjs) runs on free loopback ports with tickTime 1000 and
// is torn down at the end. Providers and the consumer are separate processes
// (registry-agent.mjs, dubbo-ts application API + @dubbo-ts/registry-zookeeper, default options
// except a 4 s provider session). The consumer calls without pause through a failover reference and a
// failfast one (see registry-agent.mjs). An independent observer (node-zookeeper-client) watches
// /dubbo/<interface>/providers and timestamps every change. All times are wall-clock ms on this
// machine, shared by every process.
//
// 1. discovery — a new provider starts; from its `app.start()` resolving (registered) to the
//    consumer's first call answered by it. Then it is closed gracefully (unregister, drain): from
//    close to its last answered call, and how many calls failed meanwhile.
// 2. kill — one of two providers gets SIGKILL: how long after the kill the failfast reference still
//    routed calls to it (its last failure) and how many failed; how many calls the failover
//    reference's callers saw fail; when ZooKeeper dropped its node (session expiry).
// 3. frozen — one provider gets SIGSTOP (alive, socket open, never answers): when ZooKeeper drops
//    its node, and how long/how many calls fail through each reference (3 s call timeout).
// 4. session expiry — a provider's ZooKeeper traffic goes through TCP proxies (one per node) that
//    the run blackholes until the server expires the session (its node disappears and the consumer stops
//    calling it), then opens again: from the reopening to its node being back, and to the
//    consumer's first call answered by it again.
//
//   node bench/registry.mjs [--quick]

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEnsemble, findFreePortBase } from "../scripts/zk-ensemble.mjs";
import { dubboTsUnavailable } from "./impls/dubbo-ts.mjs";
import { Agent } from "./lib/channel.mjs";
import { TcpProxy } from "./lib/tcp-proxy.mjs";

const require = createRequire(import.meta.url);
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const INTERFACE = "org.apache.dubbo.benchmark.service.RegistryProbe";
const PROVIDERS_PATH = `/dubbo/${INTERFACE}/providers`;
const SESSION_MS = 4000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, check, timeoutMs = 30_000, intervalMs = 5) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Watches the providers node; `has(port)` says whether a provider on that port is registered. */
async function observe(connectString) {
  const zookeeper = require("node-zookeeper-client");
  const client = zookeeper.createClient(connectString, { sessionTimeout: 30_000 });
  await new Promise((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error("observer could not connect to ZooKeeper")),
      20_000,
    );
    client.once("connected", () => {
      clearTimeout(t);
      resolve();
    });
    client.connect();
  });
  const changes = [];
  let current = [];
  let closed = false;
  const read = () => {
    if (closed) return;
    client.getChildren(
      PROVIDERS_PATH,
      () => read(),
      (err, children) => {
        if (err) {
          // The path appears with the first provider; until then poll.
          setTimeout(read, 20);
          return;
        }
        current = children.map((c) => decodeURIComponent(c));
        changes.push({ at: Date.now(), providers: current });
      },
    );
  };
  read();
  return {
    changes,
    has: (port) => current.some((u) => u.includes(`127.0.0.1:${port}/`)),
    close() {
      closed = true;
      client.close();
    },
  };
}

function startAgent(label, args, options) {
  return new Agent(label, process.execPath, [path.join(benchDir, "registry-agent.mjs"), ...args], {
    cwd: path.resolve(benchDir, ".."),
    verbose: options.verbose,
  });
}

/** Every trial provider started, so the run stops them even when a trial fails half-way. */
const trialAgents = new Set();

async function provider(name, address, options) {
  const agent = startAgent(
    `provider ${name}`,
    ["provider", name, address, String(SESSION_MS)],
    options,
  );
  trialAgents.add(agent);
  const spawnedAt = Date.now();
  const ready = await agent.waitEvent("ready", 60_000);
  return {
    name,
    agent,
    port: ready.port,
    registeredAt: ready.registeredAt,
    spawnedAt,
    pid: ready.pid,
  };
}

const stats = async (consumer) => (await consumer.request({ cmd: "stats" })).stats;

/**
 * Resolves with the time of the last call `name` answered once it has answered none for 500 ms
 * (through either reference).
 */
async function stoppedCalling(consumer, name, timeoutMs) {
  const last = async () => {
    const s = await stats(consumer);
    return Math.max(s.failover.providers[name]?.last ?? 0, s.failfast.providers[name]?.last ?? 0);
  };
  return waitFor(
    `the consumer to stop calling ${name}`,
    async () => {
      const t = await last();
      return Date.now() - t >= 500 ? t : 0;
    },
    timeoutMs,
    50,
  );
}

async function discoveryTrial(i, ctx) {
  const { consumer, address, options } = ctx;
  const p = await provider(`new${i}`, address, options);
  const first = await waitFor(`the consumer to call new${i}`, async () => {
    const s = await stats(consumer);
    return s.failover.providers[p.name]?.first;
  });
  // Let calls flow for a moment, then close it gracefully.
  await sleep(300);
  await await consumer.request({ cmd: "reset" });
  const closeReply = p.agent.request({ cmd: "exit" }, 15_000).catch(() => undefined);
  const closingAt = Date.now();
  await closeReply;
  await sleep(500);
  const s = await stats(consumer);
  const lastAnswered = Math.max(
    s.failover.providers[p.name]?.last ?? 0,
    s.failfast.providers[p.name]?.last ?? 0,
  );
  await p.agent.stop();
  return {
    spawnToFirstCallMs: first - p.spawnedAt,
    registeredToFirstCallMs: first - p.registeredAt,
    gracefulCloseToLastCallMs: lastAnswered ? lastAnswered - closingAt : undefined,
    gracefulFailures: s.failover.failures.length + s.failfast.failures.length,
    gracefulFailureSamples: sample([...s.failover.failures, ...s.failfast.failures], closingAt),
  };
}

async function killTrial(ctx) {
  const { consumer, address, options, observer, base } = ctx;
  const victim = await provider("victim", address, options);
  await waitFor(
    "the consumer to call the victim",
    async () => (await stats(consumer)).failfast.providers.victim,
  );
  await sleep(300);
  await consumer.request({ cmd: "reset" });
  const killedAt = Date.now();
  process.kill(victim.pid, "SIGKILL");
  const nodeGone = await waitFor(
    "ZooKeeper to drop the killed provider",
    () => (!observer.has(victim.port) ? Date.now() : 0),
    SESSION_MS * 4,
  );
  await sleep(300);
  const s = await stats(consumer);
  await victim.agent.stop();
  const ff = s.failfast.failures;
  return {
    failfastFailures: ff.length,
    failfastLastFailureMs: ff.length ? ff[ff.length - 1].at - killedAt : 0,
    failoverFailures: s.failover.failures.length,
    lastAnsweredByVictimMs: (s.failfast.providers.victim?.last ?? killedAt) - killedAt,
    survivorCalls: s.failover.providers[base.name]?.count ?? 0,
    zkNodeGoneMs: nodeGone - killedAt,
    failureSamples: sample(ff, killedAt),
  };
}

async function frozenTrial(ctx) {
  const { consumer, address, options, observer } = ctx;
  const frozen = await provider("frozen", address, options);
  await waitFor(
    "the consumer to call the frozen provider",
    async () => (await stats(consumer)).failfast.providers.frozen,
  );
  await sleep(300);
  await consumer.request({ cmd: "reset" });
  const stoppedAt = Date.now();
  process.kill(frozen.pid, "SIGSTOP");
  try {
    const nodeGone = await waitFor(
      "ZooKeeper to drop the frozen provider",
      () => (!observer.has(frozen.port) ? Date.now() : 0),
      SESSION_MS * 4,
    );
    // Calls already sent to it fail at their timeout (3 s); wait for those to come back.
    await sleep(3500);
    const s = await stats(consumer);
    const ff = s.failfast.failures;
    const fo = s.failover.failures;
    return {
      failfastFailures: ff.length,
      failfastLastFailureMs: ff.length ? ff[ff.length - 1].at - stoppedAt : 0,
      failoverFailures: fo.length,
      failoverLastFailureMs: fo.length ? fo[fo.length - 1].at - stoppedAt : 0,
      zkNodeGoneMs: nodeGone - stoppedAt,
      failureSamples: sample([...ff, ...fo], stoppedAt),
    };
  } finally {
    process.kill(frozen.pid, "SIGKILL");
    await frozen.agent.stop();
  }
}

async function expiryTrial(ctx) {
  const { consumer, options, observer, zkPorts } = ctx;
  // One relay per ensemble node, as a real provider's connect string lists every node: with a
  // single node the provider cannot register while that node is away from the quorum (resyncing
  // under load), which made this trial wait in vain once.
  const proxies = await Promise.all(zkPorts.map((port) => TcpProxy.start(port)));
  const address = `zookeeper://${proxies.map((x) => x.address).join(",")}`;
  let p;
  // A failed wait says what the provider's registry and the observer saw at that moment.
  const diagnose = async (err) => {
    const registry = await p?.agent
      .request({ cmd: "stats" }, 5000)
      .then((r) => JSON.stringify(r.registry))
      .catch((e) => `unavailable (${e.message})`);
    const seen = observer.has(p?.port) ? "lists it" : "does not list it";
    throw new Error(`${err.message}; provider registry: ${registry}; ZooKeeper ${seen}`);
  };
  try {
    p = await provider("expiring", address, options);
    await waitFor(
      "the consumer to call the expiring provider",
      async () => (await stats(consumer)).failover.providers.expiring,
    ).catch(diagnose);
    const cutAt = Date.now();
    for (const x of proxies) x.blackhole();
    const goneAt = await waitFor(
      "its session to expire",
      () => (!observer.has(p.port) ? Date.now() : 0),
      SESSION_MS * 6,
    ).catch(diagnose);
    const stoppedAt = await stoppedCalling(consumer, "expiring", 30_000);
    await consumer.request({ cmd: "reset" });
    const openAt = Date.now();
    for (const x of proxies) x.open();
    const backAt = await waitFor(
      "its node to come back",
      () => (observer.has(p.port) ? Date.now() : 0),
      60_000,
    ).catch(diagnose);
    const callsBack = await waitFor(
      "calls to reach it again",
      async () => (await stats(consumer)).failover.providers.expiring?.first,
      30_000,
    ).catch(diagnose);
    await p.agent.stop();
    return {
      cutToNodeGoneMs: goneAt - cutAt,
      nodeGoneToLastCallMs: stoppedAt - goneAt,
      reopenToNodeBackMs: backAt - openAt,
      reopenToFirstCallMs: callsBack - openAt,
    };
  } finally {
    await Promise.all(proxies.map((x) => x.close()));
  }
}

/** The first few failures, with their time relative to `t0`, for the JSON record. */
const sample = (failures, t0) =>
  failures.slice(0, 5).map((f) => ({ atMs: f.at - t0, code: f.code, message: f.message }));

/** The scalar fields of a trial, for a one-line progress message. */
const brief = (o) =>
  Object.entries(o)
    .filter(([, v]) => typeof v === "number")
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(", ");

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : undefined;
};

/** Runs the three figures; returns them with a markdown section. Everything started is stopped. */
export async function runRegistryBench({ quick = false, log = () => {}, verbose = false } = {}) {
  const reason = await dubboTsUnavailable({ core: ["createApplication"] });
  if (reason) {
    return { skipped: reason, markdown: `### Registry figures\n\nNot measured: ${reason}.` };
  }
  try {
    await import("@dubbo-ts/registry-zookeeper");
  } catch (err) {
    const why = `@dubbo-ts/registry-zookeeper cannot be loaded (${String(err.message).split("\n")[0]})`;
    return { skipped: why, markdown: `### Registry figures\n\nNot measured: ${why}.` };
  }
  const options = { verbose };
  const dir = mkdtempSync(path.join(os.tmpdir(), "dubbo-ts-bench-zk-"));
  const portBase = await findFreePortBase(9);
  const ensemble = createEnsemble({
    size: 3,
    clientPort: portBase,
    peerPort: portBase + 3,
    electionPort: portBase + 6,
    dir,
    tickTime: 1000,
  });
  const agents = [];
  let observer;
  // ZooKeeper nodes run detached: on Ctrl-C or SIGTERM, stop them before exiting.
  const onSignal = (signal) => {
    log(`registry: ${signal}, stopping the ensemble`);
    for (const a of [...agents, ...trialAgents]) a.child.kill("SIGKILL");
    ensemble.stop("SIGKILL").finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    log(`registry: starting a 3-node ZooKeeper ensemble on 127.0.0.1:${portBase}-${portBase + 2}`);
    await ensemble.start();
    const address = `zookeeper://${ensemble.connectionString}`;
    observer = await observe(ensemble.connectionString);
    const base = await provider("base", address, options);
    agents.push(base.agent);
    const consumer = startAgent("consumer", ["consumer", address], options);
    agents.push(consumer);
    await consumer.waitEvent("ready", 60_000);
    await waitFor(
      "the consumer to call the base provider",
      async () => (await stats(consumer)).failover.providers.base,
      30_000,
    );
    const ctx = {
      consumer,
      address,
      options,
      observer,
      base,
      zkPorts: ensemble.nodes.map((n) => n.clientPort),
    };

    const trials = quick ? 1 : 3;
    const discovery = [];
    for (let i = 0; i < trials; i++) {
      discovery.push(await discoveryTrial(i, ctx));
      log(`registry: discovery: ${brief(discovery.at(-1))}`);
    }
    const kill = await killTrial(ctx);
    log(`registry: SIGKILL: ${brief(kill)}`);
    const frozen = await frozenTrial(ctx);
    log(`registry: SIGSTOP: ${brief(frozen)}`);
    const expiry = await expiryTrial(ctx);
    log(`registry: session expiry: ${brief(expiry)}`);

    const result = {
      sessionTimeoutMs: SESSION_MS,
      tickTimeMs: 1000,
      discovery,
      kill,
      frozen,
      expiry,
    };
    result.markdown = markdown(result);
    return result;
  } catch (err) {
    const why = String(err?.message ?? err).split("\n")[0];
    log(`registry: failed: ${err?.stack ?? err}`);
    return { failed: why, markdown: `### Registry figures\n\nFailed: ${why}` };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    observer?.close();
    await Promise.all([...agents, ...trialAgents].map((a) => a.stop()));
    trialAgents.clear();
    await ensemble.stop("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

function markdown(r) {
  const ms = (v) => (v === undefined ? "–" : `${Math.round(v)} ms`);
  const d = r.discovery;
  const lines = [
    "### Registry figures (dubbo-ts + ZooKeeper, 3-node ensemble on loopback)",
    "",
    `Provider session timeout ${r.sessionTimeoutMs} ms (tickTime ${r.tickTimeMs} ms); registry options otherwise default (change notifications coalesced for 100 ms). ${d.length} discovery trial(s); medians shown.`,
    "",
    "| figure | value |",
    "|---|---:|",
    `| new provider: registered → consumer's first call answered by it | ${ms(median(d.map((x) => x.registeredToFirstCallMs)))} |`,
    `| new provider: process spawned → first call answered (includes Node start-up) | ${ms(median(d.map((x) => x.spawnToFirstCallMs)))} |`,
    `| graceful close: close() → its last answered call | ${ms(median(d.map((x) => x.gracefulCloseToLastCallMs)))} |`,
    `| graceful close: calls failed meanwhile | ${d.map((x) => x.gracefulFailures).join(", ")} |`,
    `| SIGKILL: last failfast call routed to the dead provider, after the kill | ${ms(r.kill.failfastLastFailureMs)} (${r.kill.failfastFailures} calls failed) |`,
    `| SIGKILL: failures seen by failover callers | ${r.kill.failoverFailures} |`,
    `| SIGKILL: ZooKeeper drops its node (session expiry) | ${ms(r.kill.zkNodeGoneMs)} |`,
    `| SIGSTOP (frozen, socket open): ZooKeeper drops its node | ${ms(r.frozen.zkNodeGoneMs)} |`,
    `| SIGSTOP: last failfast failure after the freeze | ${ms(r.frozen.failfastLastFailureMs)} (${r.frozen.failfastFailures} calls failed, 3 s timeout) |`,
    `| SIGSTOP: failures seen by failover callers | ${r.frozen.failoverFailures} (last at ${ms(r.frozen.failoverLastFailureMs)}) |`,
    `| session expiry: node gone → consumer's last call to it | ${ms(r.expiry.nodeGoneToLastCallMs)} |`,
    `| session expiry: ZooKeeper reachable again → node re-registered | ${ms(r.expiry.reopenToNodeBackMs)} |`,
    `| session expiry: ZooKeeper reachable again → consumer's first call answered by it | ${ms(r.expiry.reopenToFirstCallMs)} |`,
    `| (partition → server expired the session) | ${ms(r.expiry.cutToNodeGoneMs)} |`,
  ];
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runRegistryBench({
    quick: process.argv.includes("--quick"),
    verbose: process.argv.includes("--verbose"),
    log: (l) => console.error(l),
  });
  console.log(r.markdown);
}
