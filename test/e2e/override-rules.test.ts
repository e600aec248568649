import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Application, Code, createApplication, RpcError, ServiceUrl } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import {
  IntegrationContract,
  type ProviderProcess,
  type RawClient,
  rawClient,
  waitFor,
} from "@dubbo-ts/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { startProviders } from "./providers.js";

/**
 * Override rules written the way dubbo-admin writes them: a persistent node under
 * `/dubbo/<interface>/configurators` whose name is the URL-encoded `override://` URL. A consumer
 * over the real ZooKeeper ensemble must apply them to the two real providers it calls, as a Java
 * consumer does, and undo them when the node is deleted.
 */
const zk = inject("zkConnect");
const dir = mkdtempSync(path.join(tmpdir(), "override-rules-"));
const iface = `org.dubbo.ts.it.Override${randomUUID().replace(/-/g, "").slice(0, 10)}`;
let providers: ProviderProcess[] = [];
let consumer: Application | undefined;
let proxy: IntegrationContract;
let admin: RawClient;
let ruleNodes: string[] = [];

beforeAll(async () => {
  providers = await startProviders(["a", "b"], {
    zk,
    interface: iface,
    callLog: (name) => path.join(dir, `${name}.log`),
  });
  consumer = createApplication({
    name: "override-it-consumer",
    registry: { address: `zookeeper://${zk}`, cacheFile: false },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    env: false,
  });
  proxy = consumer.reference(IntegrationContract, {
    interface: iface,
    version: "1.0.0",
    timeout: 5000,
    loadbalance: "roundrobin",
  });
  await consumer.start();
  admin = await rawClient(zk);
  await waitFor("both providers to answer", async () => {
    const { answers } = await calls(20);
    return answers.a > 0 && answers.b > 0;
  });
});

afterEach(async () => {
  for (const node of ruleNodes.splice(0)) await admin.remove(node).catch(() => undefined);
});

afterAll(async () => {
  for (const p of providers) p.kill();
  await Promise.all(providers.map((p) => p.exited));
  await consumer?.close({ timeoutMs: 2000 });
  await admin?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a rule as dubbo-admin does (persistent node, name = encoded URL); returns its path. */
async function writeRule(hostPort: string, params: string): Promise<string> {
  const url = `override://${hostPort}/${iface}?category=configurators&dynamic=false&enabled=true&version=1.0.0&${params}`;
  const parent = `/dubbo/${ServiceUrl.encode(iface)}/configurators`;
  const node = `${parent}/${ServiceUrl.encode(ServiceUrl.parse(url).toFullString())}`;
  await admin.mkdirp(parent);
  await admin.create(node);
  ruleNodes.push(node);
  return node;
}

async function deleteRule(node: string): Promise<void> {
  await admin.remove(node);
  ruleNodes = ruleNodes.filter((n) => n !== node);
}

/** `n` calls one after another: answers per provider and failures. */
async function calls(n: number) {
  const answers: { a: number; b: number; [who: string]: number } = { a: 0, b: 0 };
  const failures: unknown[] = [];
  for (let i = 0; i < n; i++) {
    try {
      const who = await proxy.handle(randomUUID(), 0);
      answers[who] = (answers[who] ?? 0) + 1;
    } catch (e) {
      failures.push(e);
    }
  }
  return { answers, failures };
}

const addressOf = (p: ProviderProcess) => `127.0.0.1:${p.port}`;

/**
 * The local addresses of the established TCP connections to 127.0.0.1:`port` (Linux
 * /proc/net/tcp: addresses in hex, state 01 = ESTABLISHED). Only this test's consumer connects to
 * its providers' ports.
 */
function connectionsTo(port: number): string[] {
  const remote = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2] === remote && fields[3] === "01")
    .map((fields) => fields[1]!)
    .sort();
}

describe("override rules (configurators) from ZooKeeper on a consumer", () => {
  it("stops calling a provider disabled by a host:port rule, and calls it again once the rule is deleted", async () => {
    const rule = await writeRule(addressOf(providers[0]!), "disabled=true");
    await waitFor("calls to go to b only", async () => (await calls(20)).answers.b === 20);
    const disabled = await calls(100);
    expect(disabled.failures).toEqual([]);
    expect(disabled.answers).toEqual({ a: 0, b: 100 });

    await deleteRule(rule);
    await waitFor("a to answer again", async () => (await calls(20)).answers.a > 0);
    const restored = await calls(100);
    expect(restored.failures).toEqual([]);
    expect(restored.answers.a).toBeGreaterThan(20);
    expect(restored.answers.b).toBeGreaterThan(20);
  });

  it("changes the share of calls with weight rules, a host:port one winning over an anyhost one", async () => {
    // Weight 10000 against the default 100: a takes nearly every call, warm-up or not (both
    // providers' weights ramp up by the same factor of their uptime).
    const connection = connectionsTo(providers[0]!.port);
    expect(connection).toHaveLength(1);
    const heavy = await writeRule(addressOf(providers[0]!), "weight=10000");
    await waitFor("a to take nearly all calls", async () => (await calls(50)).answers.a >= 48);
    const heavyA = await calls(200);
    expect(heavyA.failures).toEqual([]);
    expect(heavyA.answers.a).toBeGreaterThan(180);
    // a was referred again with its new weight over the same connection.
    expect(connectionsTo(providers[0]!.port)).toEqual(connection);

    // The same weight for every provider: b gets its share back.
    await writeRule("0.0.0.0", "weight=10000");
    await waitFor("b to get calls again", async () => (await calls(50)).answers.b >= 10);
    const even = await calls(200);
    expect(even.failures).toEqual([]);
    expect(even.answers.b).toBeGreaterThan(40);
    expect(even.answers.a).toBeGreaterThan(40);

    // a's own rule is applied after the anyhost one: a is back to 100, b keeps 10000.
    await deleteRule(heavy);
    await writeRule(addressOf(providers[0]!), "weight=100");
    await waitFor("b to take nearly all calls", async () => (await calls(50)).answers.b >= 48);
    const heavyB = await calls(200);
    expect(heavyB.failures).toEqual([]);
    expect(heavyB.answers.b).toBeGreaterThan(180);
  });

  it("applies an anyhost timeout/retries rule over the reference's own timeout, until it is deleted", async () => {
    const rule = await writeRule("0.0.0.0", "retries=0&timeout=300");
    let error: unknown;
    await waitFor("calls of 2 s to time out", async () => {
      error = await proxy.handle(randomUUID(), 2000).then(
        () => undefined,
        (e: unknown) => e,
      );
      return error;
    });
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(Code.Timeout);
    expect((error as RpcError).message).toMatch(/Tried 1 times/);

    await deleteRule(rule);
    await waitFor("a call of 1 s to succeed again (reference timeout 5 s)", async () =>
      proxy.handle(randomUUID(), 1000).then(
        (who) => who,
        () => undefined,
      ),
    );
  });
});
