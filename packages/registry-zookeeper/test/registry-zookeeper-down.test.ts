import { readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { buildConsumerUrl, ServiceUrl } from "@dubbo-ts/core/spi";
import zookeeper from "node-zookeeper-client";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  createZookeeperRegistry,
  loadProperties,
  type ZookeeperRegistry,
  type ZookeeperRegistryOptions,
} from "../src/index.js";
import {
  providerUrl,
  rawClient,
  recorder,
  TcpProxy,
  tempDir,
  testLogger,
  uniqueInterface,
  waitFor,
} from "./helpers.js";

const zk = inject("zkConnect");
const zkPort = inject("zkClientPort");

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("ZooKeeper unreachable at start (docs/hostile-input-and-failures.md R4)", () => {
  const open: ZookeeperRegistry[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  const registry = (options: Partial<ZookeeperRegistryOptions> & { address: string }) => {
    const r = createZookeeperRegistry({
      cacheFile: false,
      sessionTimeout: 10_000,
      notifyDelay: 0,
      logger: testLogger(options.address),
      ...options,
    });
    open.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
    for (const c of cleanup.splice(0)) await c();
  });

  const providerOf = (iface: string, port: number) =>
    providerUrl(iface, { port, version: "1.0.0", timestamp: 1700000000000 });
  const subscription = (iface: string) =>
    buildConsumerUrl({
      host: "10.0.0.9",
      interface: iface,
      application: "c",
      version: "1.0.0",
      category: "providers,configurators",
      timestamp: 1700000000001,
    });

  it("starts a consumer from the cache file and converges when ZooKeeper answers", {
    timeout: 60_000,
  }, async () => {
    const tmp = await tempDir();
    cleanup.push(tmp.remove);
    const cacheFile = path.join(tmp.dir, "dubbo-registry-c-127.0.0.1-2181.cache");
    const iface = uniqueInterface();
    const provider = registry({ address: zk });
    await provider.start();
    await provider.register(providerOf(iface, 30001));
    await provider.register(providerOf(iface, 30002));

    // A first run with ZooKeeper up leaves the cache file behind.
    const first = registry({ address: zk, cacheFile });
    await first.start();
    const seen = recorder();
    await first.subscribe(subscription(iface), seen);
    expect(seen.addresses()).toEqual(["10.0.0.5:30001", "10.0.0.5:30002"]);
    await first.close();
    const text = await readFile(cacheFile, "latin1");
    expect(text.split("\n")[0]).toBe("#Dubbo Registry Cache");
    const entry = loadProperties(text).get(`${iface}:1.0.0`)!;
    expect(entry.split(" ").sort()).toEqual(
      [
        providerOf(iface, 30001).toFullString(),
        providerOf(iface, 30002).toFullString(),
        subscription(iface)
          .with({ protocol: "empty" })
          .withParameters({ category: "configurators" })
          .toFullString(),
      ].sort(),
    );

    // The next run starts while ZooKeeper is unreachable: a dead port, and a proxy refusing.
    const gate = await TcpProxy.start(zkPort, "refuse");
    cleanup.push(() => gate.close());
    const dead = await deadPort();
    const consumer = registry({
      address: `zookeeper://127.0.0.1:${dead}?backup=${gate.address}`,
      cacheFile,
      connectTimeout: 1000,
    });
    const t0 = performance.now();
    await consumer.start();
    const startMs = performance.now() - t0;
    expect(startMs).toBeLessThan(5000);
    expect(consumer.isConnected()).toBe(false);
    const listener = recorder();
    await consumer.subscribe(subscription(iface), listener);
    expect(listener.addresses()).toEqual(["10.0.0.5:30001", "10.0.0.5:30002"]);
    expect(listener.latest("configurators")![0]!.protocol).toBe("empty");
    console.log(
      `[registry-zookeeper] start() with ZooKeeper down returned after ${startMs.toFixed(0)} ms; cached list served`,
    );

    // The world moves on while we cannot see it; once ZooKeeper answers we see where it went.
    await provider.register(providerOf(iface, 30003));
    await provider.unregister(providerOf(iface, 30001));
    const t1 = performance.now();
    gate.open();
    await waitFor(
      "convergence",
      () => listener.addresses()?.join() === "10.0.0.5:30002,10.0.0.5:30003",
      20_000,
    );
    console.log(
      `[registry-zookeeper] consumer converged ${(performance.now() - t1).toFixed(0)} ms after ZooKeeper became reachable`,
    );
    await consumer.close();
    const after = loadProperties(await readFile(cacheFile, "latin1")).get(`${iface}:1.0.0`)!;
    expect(after).toContain(providerOf(iface, 30003).toFullString());
    expect(after).not.toContain(providerOf(iface, 30001).toFullString());
  });

  it("starts a provider at once and registers it when ZooKeeper comes back", {
    timeout: 60_000,
  }, async () => {
    const gate = await TcpProxy.start(zkPort, "refuse");
    cleanup.push(() => gate.close());
    const iface = uniqueInterface();
    const url = providerOf(iface, 30001);
    const provider = registry({ address: gate.address, connectTimeout: 1000 });
    const t0 = performance.now();
    await provider.start();
    await provider.register(url);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(provider.stats()).toMatchObject({ connected: false, registered: 1, pendingRetries: 1 });
    const raw = await rawClient(zk);
    try {
      const node = `/dubbo/${iface}/providers/${ServiceUrl.encode(url.toFullString())}`;
      expect(await raw.stat(node)).toBeNull();
      const t1 = performance.now();
      gate.open();
      const stat = await waitFor("the provider node", () => raw.stat(node), 20_000);
      console.log(
        `[registry-zookeeper] provider registered ${(performance.now() - t1).toFixed(0)} ms after ZooKeeper became reachable`,
      );
      expect(stat.ephemeralOwner.toString("hex")).toBe(provider.stats().sessionId);
      // The node can be visible to another client a moment before our create callback runs.
      await waitFor(
        "the registration to settle",
        () => provider.stats().pendingRetries === 0,
        5_000,
      );
    } finally {
      await raw.close();
    }
  });

  it("retries a failed registration every retryPeriod while connected", {
    timeout: 60_000,
  }, async () => {
    const raw = await rawClient(zk);
    const iface = uniqueInterface();
    const locked = `/locked-${iface.slice(-10)}`;
    try {
      // A root we may not create under: registration fails with NO_AUTH until it is opened up.
      await new Promise<void>((resolve, reject) =>
        raw.client.create(
          locked,
          [new zookeeper.ACL(zookeeper.Permission.READ, new zookeeper.Id("world", "anyone"))],
          (e) => (e ? reject(e) : resolve()),
        ),
      );
      const provider = registry({ address: zk, root: locked, retryPeriod: 300 });
      await provider.start();
      const url = providerOf(iface, 30001);
      await provider.register(url);
      expect(provider.stats().pendingRetries).toBe(1);
      await raw.remove(locked);
      const node = `${locked}/${iface}/providers/${ServiceUrl.encode(url.toFullString())}`;
      await waitFor("the retried registration", () => raw.stat(node), 10_000);
      expect(provider.stats().pendingRetries).toBe(0);
      await provider.close();
      await raw.remove(`${locked}/${iface}/providers`);
      await raw.remove(`${locked}/${iface}`);
      await raw.remove(locked);
    } finally {
      await raw.close();
    }
  });

  it("rejects start() with check=true when ZooKeeper stays unreachable", async () => {
    const address = `127.0.0.1:${await deadPort()}`;
    const r = registry({ address, connectTimeout: 500, check: true });
    await expect(r.start()).rejects.toThrow(/not connected within 500 ms \(check=true\)/);
  });
});
