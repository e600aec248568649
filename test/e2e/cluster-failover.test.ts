import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Application, createApplication } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { IntegrationContract, type ProviderProcess, waitFor } from "@dubbo-ts/test-support";
import { afterEach, describe, expect, inject, it } from "vitest";
import { startProviders } from "./providers.js";

const zk = inject("zkConnect");
const dir = mkdtempSync(path.join(tmpdir(), "core-it-"));
let providers: ProviderProcess[] = [];
let consumer: Application | undefined;

afterEach(async () => {
  for (const p of providers) p.kill();
  await Promise.all(providers.map((p) => p.exited));
  providers = [];
  await consumer?.close({ timeoutMs: 2000 });
  consumer = undefined;
});

async function setUp(names: string[]) {
  const iface = `org.dubbo.ts.it.Failover${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const logs = Object.fromEntries(names.map((n) => [n, path.join(dir, `${iface}-${n}.log`)]));
  providers = await startProviders(names, {
    zk,
    interface: iface,
    callLog: (name) => logs[name]!,
  });
  consumer = createApplication({
    name: "core-it-consumer",
    registry: { address: `zookeeper://${zk}`, cacheFile: false },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    env: false,
  });
  const proxy = consumer.reference(IntegrationContract, {
    interface: iface,
    version: "1.0.0",
    timeout: 5000,
    loadbalance: "roundrobin",
  });
  await consumer.start();
  return { proxy, logs, seen: new Set<string>() };
}

/** Runs `concurrency` loops of calls until `stop()`; counts answers per provider and failures. */
function load(proxy: IntegrationContract, concurrency: number) {
  const state = {
    ok: 0,
    failures: [] as unknown[],
    answers: new Map<string, number>(),
    ids: [] as string[],
    stopped: false,
  };
  const loop = async () => {
    while (!state.stopped) {
      const id = randomUUID();
      try {
        const who = await proxy.handle(id, 5);
        state.ids.push(id);
        state.ok++;
        state.answers.set(who, (state.answers.get(who) ?? 0) + 1);
      } catch (e) {
        state.failures.push(e);
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return Object.assign(state, {
    async stop() {
      state.stopped = true;
      await Promise.all(loops);
    },
  });
}

describe("consumer failover against real providers over ZooKeeper", () => {
  it("loses no idempotent call when a provider is killed with -9 under load", async () => {
    const { proxy } = await primed(["a", "b"]);
    const run = load(proxy, 8);
    await waitFor("load to run", () => run.ok > 200, 30_000);
    providers[0]!.kill();
    const atKill = run.ok;
    await waitFor("calls to continue on the survivor", () => run.ok > atKill + 400, 30_000);
    await run.stop();
    expect(run.failures).toEqual([]);
    const before = run.answers.get("b") ?? 0;
    expect(before).toBeGreaterThan(400);
    // Only b answers now.
    expect(await proxy.handle(randomUUID(), 0)).toBe("b");
  });

  it("loses no call and runs none twice when a provider stops gracefully under load", async () => {
    const { proxy, logs } = await primed(["a", "b"]);
    const run = load(proxy, 8);
    await waitFor("load to run", () => run.ok > 200, 30_000);
    const exitCode = await providers[1]!.stop();
    expect(exitCode).toBe(0);
    const atStop = run.ok;
    await waitFor("calls to continue on the survivor", () => run.ok > atStop + 300, 30_000);
    await run.stop();
    expect(run.failures).toEqual([]);
    const executed = [logs.a!, logs.b!].flatMap((file) =>
      readFileSync(file, "utf8").split("\n").filter(Boolean),
    );
    const counts = new Map<string, number>();
    for (const id of executed) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    for (const id of run.ids) expect(counts.get(id)).toBe(1);
    expect(run.answers.get("b")).toBeGreaterThan(0);
  });
});

/** Starts providers and a consumer, and waits until both providers have answered. */
async function primed(names: string[]) {
  const setup = await setUp(names);
  const deadline = Date.now() + 30_000;
  while (setup.seen.size < names.length && Date.now() < deadline) {
    setup.seen.add(await setup.proxy.handle(randomUUID(), 0));
  }
  expect([...setup.seen].sort()).toEqual([...names].sort());
  return setup;
}

process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
