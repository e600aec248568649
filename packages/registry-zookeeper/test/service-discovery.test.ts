import { randomUUID } from "node:crypto";
import type { ServiceInstance } from "@dubbo-ts/core/spi";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createZookeeperRegistry, type ZookeeperRegistry } from "../src/index.js";
import { rawClient, TcpProxy, testLogger, waitFor } from "./helpers.js";

const zk = inject("zkConnect");
const zkPort = inject("zkClientPort");

/**
 * Application-level discovery (ZookeeperServiceDiscovery) on the real ensemble: the layout, the
 * mapping's compare-and-set, and the recovery rules of interface-level subscriptions: an instance
 * is written again after its session expired, and a consumer whose session expired watches again
 * and sees what changed meanwhile. Each test has its own registry root.
 */
describe("application-level discovery", () => {
  const open: ZookeeperRegistry[] = [];
  const proxies: TcpProxy[] = [];
  const registry = async (address: string, root: string, sessionTimeout = 10_000) => {
    const r = createZookeeperRegistry({
      address,
      root,
      cacheFile: false,
      sessionTimeout,
      notifyDelay: 0,
      logger: testLogger(`discovery-${root}`),
    });
    open.push(r);
    await r.start();
    return r;
  };
  const instance = (app: string, port: number, revision = "r1"): ServiceInstance => ({
    name: app,
    host: "10.0.0.5",
    port,
    metadata: { "dubbo.metadata.revision": revision, "dubbo.metadata.storage-type": "local" },
  });
  const unique = () => randomUUID().replace(/-/g, "").slice(0, 10);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });

  it("adds applications to the mapping with compare-and-set, never losing one", async () => {
    const root = `sd-${unique()}`;
    const [a, b] = await Promise.all([registry(zk, root), registry(zk, root)]);
    const iface = "org.dubbo.ts.it.Mapped";
    await Promise.all([
      ...["a1", "a2", "a3"].map((app) => a.serviceDiscovery.map(iface, app)),
      ...["b1", "b2", "b3"].map((app) => b.serviceDiscovery.map(iface, app)),
    ]);
    await a.serviceDiscovery.map(iface, "a1"); // already there: unchanged
    const seen: string[][] = [];
    const unwatch = await b.serviceDiscovery.watchMapping(iface, (apps) => seen.push(apps));
    // b's server may apply a's last write a moment later: the watch then delivers it.
    await waitFor("all six applications", () => seen.at(-1)?.length === 6);
    expect([...seen.at(-1)!].sort()).toEqual(["a1", "a2", "a3", "b1", "b2", "b3"]);
    unwatch();
  });

  it("writes an instance again after its session expired; a watcher sees it leave and return", {
    timeout: 90_000,
  }, async () => {
    const root = `sd-${unique()}`;
    const cut = await TcpProxy.start(zkPort);
    proxies.push(cut);
    const provider = await registry(cut.address, root, 4000);
    const consumer = await registry(zk, root);
    await provider.serviceDiscovery.registerInstance(instance("app", 30001));
    const lists: ServiceInstance[][] = [];
    await consumer.serviceDiscovery.watchInstances("app", (l) => lists.push(l));
    // The consumer's server may apply the provider's write a moment later (per-client order).
    await waitFor("the instance", () => lists.at(-1)?.length === 1);
    expect(lists.at(-1)?.map((i) => i.port)).toEqual([30001]);
    cut.blackhole();
    await waitFor("the expiry to reach the watcher", () => lists.at(-1)?.length === 0, 30_000);
    cut.open();
    await waitFor("the instance back", () => lists.at(-1)?.length === 1, 30_000);
    expect(provider.stats().expirations).toBe(1);
    const raw = await rawClient(zk);
    try {
      const node = `/${root}/app/10.0.0.5:30001`;
      const stat = await raw.stat(node);
      expect(stat!.ephemeralOwner.toString("hex")).toBe(provider.stats().sessionId);
    } finally {
      await raw.close();
    }
  });

  it("watches again after the watcher's session expired and sees what changed meanwhile", {
    timeout: 90_000,
  }, async () => {
    const root = `sd-${unique()}`;
    const cut = await TcpProxy.start(zkPort);
    proxies.push(cut);
    const consumer = await registry(cut.address, root, 4000);
    const provider = await registry(zk, root);
    await provider.serviceDiscovery.registerInstance(instance("app", 30001));
    // The consumer's own instance tells when the server has expired its session.
    await consumer.serviceDiscovery.registerInstance(instance("watcher", 1));
    const lists: ServiceInstance[][] = [];
    await consumer.serviceDiscovery.watchInstances("app", (l) => lists.push(l));
    cut.blackhole();
    const raw = await rawClient(zk);
    try {
      await waitFor(
        "the consumer's session to expire",
        async () => (await raw.stat(`/${root}/watcher/10.0.0.5:1`)) === null,
        30_000,
      );
    } finally {
      await raw.close();
    }
    // A new revision of the same instance while the consumer is away: written in place.
    await provider.serviceDiscovery.registerInstance(instance("app", 30001, "r2"));
    await provider.serviceDiscovery.registerInstance(instance("app", 30002, "r2"));
    cut.open();
    await waitFor(
      "the changes seen",
      () =>
        lists.at(-1)?.length === 2 &&
        lists.at(-1)!.every((i) => i.metadata["dubbo.metadata.revision"] === "r2"),
      30_000,
    );
    expect(consumer.stats().expirations).toBe(1);
    // And it keeps watching: a removal after the expiry arrives too.
    await provider.serviceDiscovery.unregisterInstance(instance("app", 30002));
    await waitFor("the removal seen", () => lists.at(-1)?.length === 1, 30_000);
  });
});
