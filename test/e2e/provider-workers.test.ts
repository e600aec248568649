import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Application, createApplication, ServiceUrl } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import {
  freePort,
  httpGet,
  IntegrationContract,
  type ProviderProcess,
  parsePrometheus,
  type RawClient,
  rawClient,
  sleep,
  startProviderProcess,
  waitFor,
} from "@dubbo-ts/test-support";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * `protocol.workers` with real processes and the real ensemble: one provider process with
 * DUBBO_PROTOCOL_WORKERS=2 (a primary and two forked workers) against the same script run as
 * one process.
 */
const zk = inject("zkConnect");
const dir = mkdtempSync(path.join(tmpdir(), "provider-workers-"));
const iface = `org.dubbo.ts.it.Workers${randomUUID().replace(/-/g, "").slice(0, 10)}`;
const providersPath = `/dubbo/${iface}/providers`;
const callLog = path.join(dir, "calls.log");
let zkc: RawClient;
let provider: ProviderProcess | undefined;
let consumer: Application | undefined;

const crashFlag = path.join(dir, "crash");
let qosPort = 0;
const start = (workers: number) =>
  startProviderProcess({
    crashFlag,
    script: new URL("./worker-provider-process.ts", import.meta.url),
    name: `workers-${workers}`,
    zk,
    callLog,
    interface: iface,
    env: { DUBBO_PROTOCOL_WORKERS: String(workers), DUBBO_APPLICATION_QOS_PORT: String(qosPort) },
  });
const nodes = async () =>
  (await zkc.children(providersPath).catch(() => [])).map(decodeURIComponent);
/** The pids answering over 4 fresh connections (a consumer without registry, closed again). */
async function pidsOverNewConnections(): Promise<Set<string>> {
  const app = createApplication({
    name: "workers-it-probe",
    registry: false,
    plugins: { protocol: createDubboProtocol },
    env: false,
  });
  const probe = app.reference(IntegrationContract, {
    interface: iface,
    version: "1.0.0",
    url: `dubbo://127.0.0.1:${provider!.port}`,
    connections: 4,
  });
  await app.start();
  try {
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) seen.add(await probe.handle(randomUUID(), 0));
    return seen;
  } finally {
    await app.close({ timeoutMs: 1000 });
  }
}
/** Both workers' pids, over fresh connections. */
const pidsOverNewConnectionsUntilBoth = () =>
  waitFor("both workers answering", async () => {
    const seen = await pidsOverNewConnections();
    return seen.size === 2 ? seen : undefined;
  });
const withoutPid = (url: string) => {
  const { pid: _p, timestamp: _t, ...rest } = ServiceUrl.parse(url).parameters;
  return rest;
};

beforeAll(async () => {
  zkc = await rawClient(zk);
  qosPort = await freePort();
});

afterAll(async () => {
  await consumer?.close({ timeoutMs: 2000 });
  provider?.kill();
  await provider?.exited;
  await zkc.close();
});

describe("provider workers (protocol.workers = 2)", () => {
  let single: string;
  let proxy: IntegrationContract;
  const pids = new Set<string>();

  it("registers one node whose parameters equal the single-process node's", async () => {
    const one = await start(1);
    single = await waitFor("the single-process node", async () => (await nodes())[0]);
    expect(await one.stop()).toBe(0);
    await waitFor("the single-process node removed", async () => (await nodes()).length === 0);

    provider = await start(2);
    const [node, ...more] = await waitFor("the workers' node", async () => {
      const n = await nodes();
      return n.length > 0 ? n : undefined;
    });
    expect(more).toEqual([]);
    const url = ServiceUrl.parse(node!);
    expect(url.address).toBe(`127.0.0.1:${provider.port}`);
    expect(url.getParameter("pid")).toBe(String(provider.child.pid));
    expect(withoutPid(node!)).toEqual(withoutPid(single));
  });

  it("runs QoS in the primary only: ls, offline and online act on the one registration", async () => {
    expect((await httpGet(qosPort, "/ls")).body).toContain(iface);
    expect(provider!.stderr()).not.toContain("qos: cannot listen");
    expect((await httpGet(qosPort, `/offline/${iface}`)).status).toBe(200);
    await waitFor("the node offline", async () => (await nodes()).length === 0);
    expect((await httpGet(qosPort, `/online/${iface}`)).status).toBe(200);
    await waitFor("the node back", async () => (await nodes()).length === 1);
  });

  it("hands the connections of consumers to both workers; references work in each", async () => {
    // Cluster hands each new connection to the next free worker: a consumer's 4 connections
    // usually reach both workers, not always (under load one worker may take them all).
    consumer = await waitFor("a consumer connected to both workers", async () => {
      const app = createApplication({
        name: "workers-it-consumer",
        registry: { address: `zookeeper://${zk}`, cacheFile: false },
        plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
        env: false,
      });
      proxy = app.reference(IntegrationContract, {
        interface: iface,
        version: "1.0.0",
        timeout: 5000,
        retries: 3,
        connections: 4,
      });
      await app.start();
      pids.clear();
      for (let i = 0; i < 40 && pids.size < 2; i++) pids.add(await proxy.handle(randomUUID(), 0));
      if (pids.size === 2) return app;
      await app.close({ timeoutMs: 1000 });
      return undefined;
    });
    expect(pids.has(String(provider!.child.pid))).toBe(false);
    // Each worker's reference learns of the provider from ZooKeeper once the primary registered it.
    const viaRef = new Set<string>();
    await waitFor("a call through a reference in each worker", async () => {
      const [served] = (await proxy.handle(`ref:${randomUUID()}`, 0)).split(">");
      viaRef.add(served!);
      return viaRef.size === 2;
    });
    expect([...viaRef].sort()).toEqual([...pids].sort());
  });

  it("sums every worker's call metrics in the primary's /metrics", async () => {
    const counted = async () =>
      parsePrometheus((await httpGet(qosPort, "/metrics")).body).value(
        "dubbo_provider_requests_total",
        { method: "handle" },
      ) ?? 0;
    const before = await counted();
    const served = new Set<string>();
    // The consumer's calls take its 4 connections in turn, which reach both workers.
    for (let i = 0; i < 20; i++) served.add(await proxy.handle(randomUUID(), 0));
    expect(served.size).toBe(2);
    await waitFor("the 20 calls of both workers in /metrics", async () => {
      return (await counted()) === before + 20;
    });
  });

  it("re-forks a worker killed with -9; the node stays and calls keep succeeding", async () => {
    let vanished = false;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        if ((await nodes()).length !== 1) vanished = true;
        await sleep(20);
      }
    })();
    try {
      const [victim, survivor] = [...pids];
      process.kill(Number(victim), "SIGKILL");
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 25; i++) await proxy.handle(randomUUID(), 5);
        }),
      );
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      // New connections are handed to every worker listening: the re-forked one gets some.
      const newcomer = await waitFor("a re-forked worker answering", async () => {
        const seen = await pidsOverNewConnections();
        return [...seen].find((pid) => pid !== survivor && pid !== victim);
      });
      pids.clear();
      pids.add(survivor!).add(newcomer);
    } finally {
      watching = false;
      await watch;
    }
    expect(vanished).toBe(false);
  });

  it("on SIGTERM unregisters, drains the calls in flight in every worker, and exits", async () => {
    const ids = Array.from({ length: 8 }, () => randomUUID());
    const calls = ids.map((id) => proxy.handle(id, 1500));
    await waitFor("every call running in a worker", () => {
      const log = readFileSync(callLog, "utf8");
      return ids.every((id) => log.includes(`start:${id}`));
    });
    const exit = provider!.stop();
    const answered = await Promise.all(calls);
    for (const pid of answered) expect(pids).toContain(pid);
    expect(await exit).toBe(0);
    provider = undefined;
    expect(await nodes()).toEqual([]);
    const logged = readFileSync(callLog, "utf8");
    for (const id of ids) expect(logged).toContain(`${id}\n`);
  });

  it("gives up on workers in a crash loop: logs it, unregisters and exits with 1", async () => {
    provider = await start(2);
    await waitFor("the node", async () => (await nodes()).length === 1);
    const children = await pidsOverNewConnectionsUntilBoth();
    writeFileSync(crashFlag, "");
    for (const pid of children) process.kill(Number(pid), "SIGKILL");
    expect(await provider.exited).toBe(1);
    expect(provider.stderr()).toContain("crashed 6 times in a row");
    expect(provider.stderr()).toContain("every provider worker is in a crash loop");
    provider = undefined;
    expect(await nodes()).toEqual([]);
  });
});
