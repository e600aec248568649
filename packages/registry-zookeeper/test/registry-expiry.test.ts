import { buildConsumerUrl, ServiceUrl } from "@dubbo-ts/core/spi";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createZookeeperRegistry, type ZookeeperRegistry } from "../src/index.js";
import {
  providerUrl,
  rawClient,
  recorder,
  subscriptionOf,
  TcpProxy,
  testLogger,
  uniqueInterface,
  waitFor,
} from "./helpers.js";

const zk = inject("zkConnect");
const zkPort = inject("zkClientPort");

/**
 * Session expiry and partitions, forced by cutting a registry's traffic through a local TCP proxy
 * (docs/hostile-input-and-failures.md R1, R2, R10). The ensemble runs with tickTime 1000, so a 4000 ms session is
 * granted as asked.
 */
describe("session expiry and partitions", () => {
  const open: ZookeeperRegistry[] = [];
  const proxies: TcpProxy[] = [];
  const registry = async (address: string, sessionTimeout: number) => {
    const r = createZookeeperRegistry({
      address,
      cacheFile: false,
      sessionTimeout,
      notifyDelay: 0,
      logger: testLogger(address === zk ? "direct" : "proxied"),
    });
    open.push(r);
    await r.start();
    return r;
  };
  const proxy = async () => {
    const p = await TcpProxy.start(zkPort);
    proxies.push(p);
    return p;
  };

  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });

  // Fixed timestamp, so unregister builds the same URL (and node name) as register did.
  const providerOf = (iface: string, port: number) =>
    providerUrl(iface, { port, timestamp: 1700000000000 });
  const subscription = (iface: string) => subscriptionOf(iface);

  it("re-registers a provider after its session expired, replacing nothing twice", {
    timeout: 90_000,
  }, async () => {
    const cut = await proxy();
    const provider = await registry(cut.address, 4000);
    const consumer = await registry(zk, 10_000);
    const iface = uniqueInterface();
    const url = providerOf(iface, 30001);
    await provider.register(url);
    const listener = recorder();
    await consumer.subscribe(subscription(iface), listener);
    expect(listener.addresses()).toEqual(["10.0.0.5:30001"]);
    const oldSession = provider.stats().sessionId!;
    expect(provider.stats().sessionTimeout).toBe(4000);

    cut.blackhole();
    // The server expires the silent session and deletes its ephemeral node; Java's consumers see
    // the provider leave, and so do ours.
    await waitFor(
      "the expiry to reach the consumer",
      () => listener.latest()?.[0]?.protocol === "empty",
      30_000,
    );
    expect(provider.stats().forcedDisconnects).toBeGreaterThanOrEqual(1);
    const t0 = performance.now();
    cut.open();
    await waitFor("the provider back", () => listener.addresses()?.length === 1, 30_000);
    console.log(
      `[registry-zookeeper] provider session expired: re-registered and seen ${(performance.now() - t0).toFixed(0)} ms after the network healed`,
    );
    const stats = provider.stats();
    expect(stats).toMatchObject({ expirations: 1, clientsCreated: 2, connected: true });
    expect(stats.sessionId).not.toBe(oldSession);
    const raw = await rawClient(zk);
    try {
      const path = `/dubbo/${iface}/providers`;
      expect(await raw.children(path)).toEqual([ServiceUrl.encode(url.toFullString())]);
      const stat = await raw.stat(`${path}/${ServiceUrl.encode(url.toFullString())}`);
      expect(stat!.ephemeralOwner.toString("hex")).toBe(stats.sessionId);
    } finally {
      await raw.close();
    }
    expect(cut.connections).toBe(1);
  });

  it("re-subscribes after expiry, re-reads what changed meanwhile, and keeps watching", {
    timeout: 120_000,
  }, async () => {
    const cut = await proxy();
    const consumer = await registry(cut.address, 4000);
    const provider = await registry(zk, 10_000);
    const iface = uniqueInterface();
    await provider.register(providerOf(iface, 30001));
    const me = buildConsumerUrl({ host: "10.0.0.9", interface: iface, application: "c" });
    await consumer.register(me);
    const listener = recorder();
    await consumer.subscribe(subscription(iface), listener);
    expect(listener.addresses()).toEqual(["10.0.0.5:30001"]);
    const raw = await rawClient(zk);
    try {
      const consumers = `/dubbo/${iface}/consumers`;
      for (let round = 1; round <= 2; round++) {
        const calls = listener.calls.length;
        cut.blackhole();
        // Changes the consumer cannot see while cut off.
        await provider.register(providerOf(iface, 30001 + round));
        await provider.unregister(providerOf(iface, 30000 + round));
        await waitFor(
          "the consumer's session to expire",
          async () => (await raw.children(consumers)).length === 0,
          30_000,
        );
        // Cut off, the consumer keeps its last list: no empty push, no notification at all.
        expect(listener.calls.length).toBe(calls);
        const t0 = performance.now();
        cut.open();
        await waitFor(
          "the list to converge",
          () => listener.addresses()?.[0] === `10.0.0.5:${30001 + round}`,
          30_000,
        );
        console.log(
          `[registry-zookeeper] consumer session expired (round ${round}): list re-read ${(performance.now() - t0).toFixed(0)} ms after the network healed`,
        );
        expect(listener.addresses()).toEqual([`10.0.0.5:${30001 + round}`]);
        await waitFor(
          "the consumer node back",
          async () => (await raw.children(consumers)).length === 1,
        );
        expect(await raw.children(consumers)).toEqual([ServiceUrl.encode(me.toFullString())]);
      }
      // The watch lives on the third client: a new provider still arrives.
      await provider.register(providerOf(iface, 30009));
      await waitFor("a provider after two expiries", () => listener.addresses()?.length === 2);
      expect(consumer.stats()).toMatchObject({
        expirations: 2,
        clientsCreated: 3,
        subscriptions: 1,
        watchedPaths: 1,
      });
      expect(cut.connections).toBe(1);
    } finally {
      await raw.close();
    }
  });

  it("survives a partition shorter than the session: same session, no flap, missed change read", {
    timeout: 90_000,
  }, async () => {
    const cut = await proxy();
    const consumer = await registry(cut.address, 10_000);
    const provider = await registry(zk, 10_000);
    const iface = uniqueInterface();
    await provider.register(providerOf(iface, 30001));
    const listener = recorder();
    await consumer.subscribe(subscription(iface), listener);
    const session = consumer.stats().sessionId;
    cut.blackhole();
    await provider.register(providerOf(iface, 30002));
    // Long enough for the watchdog to give up on the silent server (2/3 of 10 s), shorter than
    // the session.
    await waitFor("the watchdog", () => consumer.stats().forcedDisconnects >= 1, 15_000);
    cut.open();
    await waitFor("the missed provider", () => listener.addresses()?.length === 2, 20_000);
    expect(consumer.stats()).toMatchObject({
      sessionId: session,
      expirations: 0,
      clientsCreated: 1,
    });
    expect(listener.calls.every((c) => c.urls[0]!.protocol === "dubbo")).toBe(true);
  });

  it("does not leak connections, watchers or timers when the connection flaps", {
    timeout: 120_000,
  }, async () => {
    const cut = await proxy();
    const consumer = await registry(cut.address, 10_000);
    const provider = await registry(zk, 10_000);
    const iface = uniqueInterface();
    await provider.register(providerOf(iface, 30001));
    const listener = recorder();
    await consumer.subscribe(subscription(iface), listener);
    const handles = () =>
      process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
    const socketsBefore = handles();
    for (let i = 0; i < 8; i++) {
      cut.refuse();
      await waitFor("the disconnect", () => !consumer.isConnected(), 10_000);
      await provider.register(providerOf(iface, 31000 + i));
      cut.open();
      await waitFor("the reconnect", () => consumer.isConnected(), 10_000);
      await waitFor("the churned provider", () =>
        listener.addresses()?.includes(`10.0.0.5:${31000 + i}`),
      );
      await provider.unregister(providerOf(iface, 31000 + i));
      await waitFor("the churned provider gone", () => listener.addresses()?.length === 1);
    }
    const stats = consumer.stats();
    console.log(`[registry-zookeeper] after 8 flaps: ${JSON.stringify(stats)}`);
    expect(stats).toMatchObject({
      clientsCreated: 1,
      expirations: 0,
      subscriptions: 1,
      watchedPaths: 1,
      pendingRetries: 0,
    });
    expect(stats.timers).toBeLessThanOrEqual(1);
    expect(cut.connections).toBe(1);
    expect(handles()).toBe(socketsBefore);
    expect(listener.calls.every((c) => c.urls[0]!.protocol === "dubbo")).toBe(true);
  });
});
