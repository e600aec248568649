import { testEnsemble } from "@dubbo-ts/test-support";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createZookeeperRegistry, type ZookeeperRegistry } from "../src/index.js";
import {
  nodeOfSession,
  providerUrl,
  rawClient,
  recorder,
  sleep,
  subscriptionOf,
  uniqueInterface,
  waitFor,
} from "./helpers.js";

const zk = inject("zkConnect");

describe("ZooKeeper server failures (disconnect is not expiry)", () => {
  const ensemble = testEnsemble();
  const open: ZookeeperRegistry[] = [];
  const registry = async (notifyDelay = 100) => {
    const r = createZookeeperRegistry({
      address: `zookeeper://${zk}`,
      cacheFile: false,
      sessionTimeout: 15_000,
      notifyDelay,
    });
    open.push(r);
    await r.start();
    return r;
  };

  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
    await ensemble.restoreAll();
  });

  async function setup() {
    const provider = await registry();
    const consumer = await registry(0);
    const iface = uniqueInterface();
    const base = providerUrl(iface);
    await provider.register(base);
    await provider.register(base.with({ port: 30002 }));
    const listener = recorder();
    await consumer.subscribe(subscriptionOf(iface), listener);
    expect(listener.addresses()).toEqual(["10.0.0.5:30001", "10.0.0.5:30002"]);
    return { provider, consumer, iface, base, listener };
  }

  it("keeps the session and the list when the consumer's server is killed", {
    timeout: 120_000,
  }, async () => {
    const { provider, consumer, base, listener } = await setup();
    const session = consumer.stats().sessionId!;
    const node = await waitFor("the consumer's server", () =>
      nodeOfSession(ensemble.nodes, session),
    );
    const calls = listener.calls.length;
    const t0 = performance.now();
    await ensemble.stopNode(node);
    await waitFor(
      "a reconnection to another server",
      async () =>
        consumer.isConnected() && (await nodeOfSession(ensemble.nodes, session)) !== undefined,
      30_000,
    );
    console.log(
      `[registry-zookeeper] killed server ${node}: reconnected in ${(performance.now() - t0).toFixed(0)} ms, same session`,
    );
    expect(consumer.stats()).toMatchObject({
      sessionId: session,
      expirations: 0,
      clientsCreated: 1,
    });
    // No flap: the reconnection re-read the list and found nothing new to say.
    expect(listener.calls.length).toBe(calls);
    // The watch survived (SetWatches): a change after the failover still arrives.
    await provider.register(base.with({ port: 30003 }));
    await waitFor("the third provider", () => listener.addresses()?.length === 3);
    expect(listener.calls.slice(calls).every((c) => c.urls.length >= 2)).toBe(true);
  });

  it("keeps the list without quorum and converges when the servers return", {
    timeout: 180_000,
  }, async () => {
    const { provider, consumer, iface, base, listener } = await setup();
    const calls = listener.calls.length;
    const [keep, ...stop] = ensemble.nodes.map((n) => n.id);
    for (const id of stop) await ensemble.stopNode(id);
    await waitFor("the consumer to notice", () => !consumer.isConnected(), 30_000);
    const t0 = Date.now();
    // A while without quorum: the list must stay as it was (no empty push, no notification).
    while (Date.now() - t0 < 4000) {
      expect(listener.addresses()).toEqual(["10.0.0.5:30001", "10.0.0.5:30002"]);
      await sleep(250);
    }
    expect(listener.calls.length).toBe(calls);
    expect(await ensemble.modeOf(keep!)).not.toMatch(/leader|follower/);
    await ensemble.restoreAll();
    const t1 = performance.now();
    await waitFor(
      "both registries back",
      () => consumer.isConnected() && provider.isConnected(),
      60_000,
    );
    console.log(
      `[registry-zookeeper] quorum back: registries connected ${(performance.now() - t1).toFixed(0)} ms after restoreAll; consumer expirations=${consumer.stats().expirations}`,
    );
    await provider.register(base.with({ port: 30003 }));
    await waitFor("the list to converge", () => listener.addresses()?.length === 3, 30_000);
    const raw = await rawClient(zk);
    try {
      expect((await raw.children(`/dubbo/${iface}/providers`)).length).toBe(3);
    } finally {
      await raw.close();
    }
  });
});
