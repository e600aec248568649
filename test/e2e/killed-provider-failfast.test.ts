import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Application, createApplication, ServiceUrl } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { IntegrationContract, type ProviderProcess, sleep } from "@dubbo-ts/test-support";
import { afterEach, describe, expect, inject, it } from "vitest";
import { startProviders } from "./providers.js";

/**
 * A provider killed with -9 stays registered until its ZooKeeper session expires (30 s here). In
 * that time only the connection's state keeps consumers away from it, as in Java (DubboInvoker is
 * available only while its client is connected): a failfast consumer, which never retries, must
 * see no failure once the dead connection is noticed — also while it reconnects in the background.
 */
const zk = inject("zkConnect");
const dir = mkdtempSync(path.join(tmpdir(), "killed-provider-"));
let providers: ProviderProcess[] = [];
let consumer: Application | undefined;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const p of providers) p.kill();
  await Promise.all(providers.map((p) => p.exited));
  providers = [];
  await consumer?.close({ timeoutMs: 2000 });
  consumer = undefined;
  for (const close of closers.splice(0)) await close();
});

/** The provider URLs ZooKeeper lists for `iface` right now, seen by a separate registry client. */
async function registered(iface: string): Promise<() => ServiceUrl[]> {
  const registry = createZookeeperRegistry({ address: `zookeeper://${zk}`, cacheFile: false });
  await registry.start();
  closers.push(() => registry.close());
  let latest: ServiceUrl[] = [];
  const url = ServiceUrl.parse(
    `consumer://127.0.0.1/${iface}?interface=${iface}&version=1.0.0&category=providers&side=consumer&check=false`,
  );
  await registry.subscribe(url, (urls) => {
    latest = urls.filter((u) => u.protocol === "dubbo");
  });
  return () => latest;
}

describe("a killed provider while ZooKeeper still lists it", () => {
  it("gets no failfast call once its connection is seen down, during reconnect attempts too", async () => {
    const iface = `org.dubbo.ts.it.Killed${randomUUID().replace(/-/g, "").slice(0, 10)}`;
    providers = await startProviders(["a", "b"], {
      zk,
      interface: iface,
      callLog: (name) => path.join(dir, `${iface}-${name}.log`),
      sessionTimeout: 30_000,
    });
    const listed = await registered(iface);
    consumer = createApplication({
      name: "killed-provider-consumer",
      registry: { address: `zookeeper://${zk}`, cacheFile: false },
      plugins: {
        registry: createZookeeperRegistry,
        // Reconnect attempts every 10–20 ms: hundreds of them during the calls below.
        protocol: (options) =>
          createDubboProtocol({ ...options, reconnectDelay: 10, maxReconnectDelay: 20 }),
      },
      env: false,
    });
    const proxy = consumer.reference(IntegrationContract, {
      interface: iface,
      version: "1.0.0",
      timeout: 5000,
      cluster: "failfast",
      loadbalance: "roundrobin",
    });
    await consumer.start();
    const seen = new Set<string>();
    for (let i = 0; i < 50 && seen.size < 2; i++) seen.add(await proxy.handle(randomUUID(), 0));
    expect([...seen].sort()).toEqual(["a", "b"]);

    providers[0]!.kill();
    await providers[0]!.exited;
    // The kernel resets a dead process's sockets at once; give the consumer a moment to read it.
    await sleep(200);

    const answers = new Map<string, number>();
    const failures: string[] = [];
    const until = Date.now() + 3000;
    await Promise.all(
      Array.from({ length: 8 }, async (_, loop) => {
        while (Date.now() < until) {
          // Calls start from every phase of the event loop: timers (where reconnect attempts
          // start), check, and I/O callbacks (right after a response).
          if (loop % 3 === 0) await sleep(1);
          else if (loop % 3 === 1) await new Promise((r) => setImmediate(r));
          try {
            const who = await proxy.handle(randomUUID(), 0);
            answers.set(who, (answers.get(who) ?? 0) + 1);
          } catch (e) {
            failures.push((e as Error).message);
          }
        }
      }),
    );
    expect(failures.slice(0, 3)).toEqual([]);
    expect(failures.length).toBe(0);
    expect([...answers.keys()]).toEqual(["b"]);
    expect(answers.get("b")).toBeGreaterThan(100);
    // The dead provider was still registered the whole time: only its connection state counted.
    expect(
      listed()
        .map((u) => u.port)
        .sort(),
    ).toEqual(providers.map((p) => p.port).sort());
  });
});

process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
