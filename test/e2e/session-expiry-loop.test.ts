import { randomUUID } from "node:crypto";
import {
  type Application,
  Code,
  createApplication,
  RpcError,
  type ServiceDefinition,
} from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry, type ZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { TcpProxy, waitFor } from "@dubbo-ts/test-support";
import { pino } from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";

/**
 * The benchmark's session-expiry trial (bench/registry.mjs), looped: a provider whose ZooKeeper
 * traffic goes through proxies is cut off until the server expires its session (its node goes,
 * the consumer stops calling it), then let back in: it must register again and the consumer must
 * call it again, every time. One proxy per ensemble node, as the provider's real connect string
 * would be: a provider that can reach only one ZooKeeper node cannot register while that node is
 * busy resyncing with the quorum, which is how the benchmark's trial once waited in vain.
 */
const zk = inject("zkConnect");
const zkPort = inject("zkClientPort");
const ROUNDS = 3;
const apps: Application[] = [];
const proxies: TcpProxy[] = [];

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close({ timeoutMs: 2000 })));
  await Promise.all(proxies.map((p) => p.close()));
});

const quiet = pino({ level: process.env.RZ_DEBUG ? "debug" : "silent" });

describe("session expiry, looped", () => {
  it(`a provider re-registers and is called again after its session expired (${ROUNDS} rounds)`, {
    timeout: 40_000 * ROUNDS,
  }, async () => {
    const iface = `org.dubbo.ts.it.Expiry${randomUUID().replace(/-/g, "").slice(0, 10)}`;
    const probe: ServiceDefinition = {
      interface: iface,
      methods: [{ name: "who", parameterTypes: [], returnType: "java.lang.String" }],
    };
    for (let i = 0; i < 3; i++) proxies.push(await TcpProxy.start(zkPort + i));
    const provider = createApplication({
      name: "expiry-loop-provider",
      registry: {
        address: `zookeeper://${proxies.map((p) => p.address).join(",")}`,
        sessionTimeout: 4000,
        cacheFile: false,
      },
      protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
      services: [{ implementation: { who: async () => "expiring" }, contract: probe }],
      plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
      logger: quiet.child({ app: "provider" }),
      env: false,
    });
    apps.push(provider);
    const consumer = createApplication({
      name: "expiry-loop-consumer",
      registry: { address: `zookeeper://${zk}`, cacheFile: false },
      consumer: { check: false, timeout: 3000 },
      plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
      logger: quiet.child({ app: "consumer" }),
      env: false,
    });
    apps.push(consumer);
    const ref = consumer.reference<{ who(): Promise<string> }>(probe, { cluster: "failfast" });
    await provider.start();
    await consumer.start();
    const registry = provider.registry as ZookeeperRegistry;
    const answer = () =>
      ref.who().then(
        (who) => who,
        (e: unknown) => (e instanceof RpcError ? Code[e.code] : String(e)),
      );
    /** What the provider's registry says, so a failure shows which side was stuck. */
    const state = () => JSON.stringify(registry.stats());

    for (let round = 1; round <= ROUNDS; round++) {
      await waitFor(
        `round ${round}: the consumer to call the provider (${state()})`,
        async () => (await answer()) === "expiring",
        30_000,
      );
      const clients = registry.stats().clientsCreated;
      for (const p of proxies) p.blackhole();
      await waitFor(
        `round ${round}: the session to expire and the consumer to drop the provider (${state()})`,
        async () => (await answer()) === "NoInvoker",
        30_000,
      );
      for (const p of proxies) p.open();
      await waitFor(
        `round ${round}: the provider to register again in a new session and be called (${state()})`,
        async () => (await answer()) === "expiring",
        30_000,
      );
      expect(registry.stats()).toMatchObject({ connected: true, pendingRetries: 0 });
      expect(registry.stats().clientsCreated).toBeGreaterThan(clients);
    }
  });
});
