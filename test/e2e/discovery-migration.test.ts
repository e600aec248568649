import { randomUUID } from "node:crypto";
import { type Application, createApplication } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { IntegrationContract, type RawClient, rawClient, waitFor } from "@dubbo-ts/test-support";
import { pino } from "pino";
import { afterAll, beforeAll, expect, inject, it } from "vitest";

/**
 * A migration rule written where Java's config centre keeps it
 * (`<root>/config/DUBBO_SERVICEDISCOVERY_MIGRATION/<app>.migration`, YAML `step:`) moves a running
 * consumer between interface- and application-level lists while it calls in a loop: no call may
 * fail. Its own registry root keeps this test's nodes apart.
 */
const zk = inject("zkConnect");
const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
const root = `migration-${suffix}`;
const iface = `org.dubbo.ts.it.Migration${suffix}`;
const consumerName = `migration-consumer-${suffix}`;
const rulePath = `/${root}/config/DUBBO_SERVICEDISCOVERY_MIGRATION/${consumerName}.migration`;
const logLines: string[] = [];
let provider: Application;
let consumer: Application;
let proxy: IntegrationContract;
let admin: RawClient;

const registry = { address: `zookeeper://${zk}?group=${root}`, cacheFile: false };
const plugins = { registry: createZookeeperRegistry, protocol: createDubboProtocol };

beforeAll(async () => {
  provider = createApplication({
    name: `migration-provider-${suffix}`,
    registry,
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    services: [
      {
        implementation: { handle: async () => "p" },
        contract: IntegrationContract,
        interface: iface,
        version: "1.0.0",
      },
    ],
    plugins,
    env: false,
  });
  await provider.start();
  consumer = createApplication({
    name: consumerName,
    application: { serviceDiscoveryMigration: "FORCE_INTERFACE" },
    registry,
    protocol: { name: "dubbo", host: "127.0.0.1" },
    plugins,
    logger: pino({ level: "info" }, { write: (line: string) => logLines.push(line) }),
    env: false,
  });
  proxy = consumer.reference(IntegrationContract, {
    interface: iface,
    version: "1.0.0",
    timeout: 5000,
    // The consumer's ZooKeeper server may apply the provider's writes a moment later.
    check: false,
  });
  await consumer.start();
  await waitFor("the provider", () => proxy.handle("warm-up", 0).catch(() => undefined));
  admin = await rawClient(zk);
});

afterAll(async () => {
  await consumer?.close();
  await provider?.close();
  await admin?.close();
});

/** Waits until the consumer logged its migration to `step`. */
const migratedTo = (step: string) =>
  waitFor(`the consumer to migrate to ${step}`, () =>
    logLines.some((l) => l.includes('"msg":"migrated"') && l.includes(`"to":"${step}"`)),
  );

it("switches steps at run time from the rule in ZooKeeper without a failed call", async () => {
  let running = true;
  let calls = 0;
  const failures: unknown[] = [];
  const loop = async () => {
    while (running) {
      calls++;
      await proxy.handle(`c${calls}`, 0).catch((e: unknown) => failures.push(e));
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  const loops = [loop(), loop()];
  try {
    await admin.mkdirp(rulePath);
    await admin.setData(rulePath, "key: x\nstep: FORCE_APPLICATION\n");
    await migratedTo("FORCE_APPLICATION");
    await admin.setData(rulePath, "step: APPLICATION_FIRST\n");
    await migratedTo("APPLICATION_FIRST");
    // Without a rule the configured step applies again.
    await admin.remove(rulePath);
    await migratedTo("FORCE_INTERFACE");
    const before = calls;
    await waitFor("more calls after the last switch", () => calls > before + 20);
  } finally {
    running = false;
    await Promise.all(loops);
  }
  expect(failures).toEqual([]);
  expect(calls).toBeGreaterThan(20);
});
