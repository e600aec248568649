import { randomUUID } from "node:crypto";
import { type Application, createApplication } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { IntegrationContract, type RawClient, rawClient, waitFor } from "@dubbo-ts/test-support";
import { afterAll, beforeAll, expect, inject, it } from "vitest";

/**
 * A provider whose service list changes after start (a `delay`ed export) publishes a new
 * revision in its instance node, and an application-level consumer finds the late service (with
 * register-mode=instance nothing else could tell it).
 */
const zk = inject("zkConnect");
const suffix = randomUUID().replace(/-/g, "").slice(0, 10);
const root = `discovery-provider-${suffix}`;
const app = `late-provider-${suffix}`;
const early = `org.dubbo.ts.it.Early${suffix}`;
const late = `org.dubbo.ts.it.Late${suffix}`;
const registry = { address: `zookeeper://${zk}?group=${root}`, cacheFile: false };
const plugins = { registry: createZookeeperRegistry, protocol: createDubboProtocol };
let provider: Application;
let consumer: Application | undefined;
let raw: RawClient;

const service = (iface: string, answer: string, delay?: number) => ({
  implementation: { handle: async () => answer },
  contract: IntegrationContract,
  interface: iface,
  version: "1.0.0",
  ...(delay ? { delay } : {}),
});

async function revision(): Promise<string | undefined> {
  const [child] = await raw.children(`/${root}/${app}`);
  if (!child) return undefined;
  const data = await new Promise<Buffer | undefined>((res, rej) =>
    raw.client.getData(`/${root}/${app}/${child}`, (e, b) => (e ? rej(e) : res(b ?? undefined))),
  );
  const json = JSON.parse(data?.toString("utf8") ?? "{}");
  return json.payload?.metadata?.["dubbo.metadata.revision"];
}

beforeAll(async () => {
  raw = await rawClient(zk);
  provider = createApplication({
    name: app,
    application: { registerMode: "instance" },
    registry,
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    services: [service(early, "early"), service(late, "late", 300)],
    plugins,
    env: false,
  });
  await provider.start();
});

afterAll(async () => {
  await consumer?.close();
  await provider?.close();
  await raw?.close();
});

it("publishes a new revision when a delayed service is exported, and consumers find it", async () => {
  consumer = createApplication({
    name: `late-consumer-${suffix}`,
    application: { serviceDiscoveryMigration: "FORCE_APPLICATION" },
    registry,
    protocol: { name: "dubbo", host: "127.0.0.1" },
    plugins,
    env: false,
  });
  // check: false and polling: the consumer's ZooKeeper server may apply the provider's writes a
  // moment later than the provider's own server.
  const earlyProxy = consumer.reference(IntegrationContract, {
    interface: early,
    version: "1.0.0",
    check: false,
  });
  const lateProxy = consumer.reference(IntegrationContract, {
    interface: late,
    version: "1.0.0",
    check: false,
  });
  await consumer.start();
  expect(await waitFor("the early service", () => earlyProxy.handle("a", 0).catch(() => ""))).toBe(
    "early",
  );
  // Found only through the new revision's MetadataInfo (register-mode=instance: no other way).
  expect(await waitFor("the late service", () => lateProxy.handle("b", 0).catch(() => ""))).toBe(
    "late",
  );
  const [child] = await raw.children(`/${root}/${app}`);
  expect(child).toBeDefined();
  expect(await revision()).toMatch(/^[0-9a-f]{32}$/);
});
