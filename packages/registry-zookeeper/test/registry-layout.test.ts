import { buildConsumerUrl, buildProviderUrl, ServiceUrl } from "@dubbo-ts/core/spi";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createZookeeperRegistry, type ZookeeperRegistry } from "../src/index.js";
import {
  providerUrl,
  type RawClient,
  rawClient,
  recorder,
  subscriptionOf,
  uniqueInterface,
  waitFor,
} from "./helpers.js";

const DEMO = "org.apache.dubbo.demo.DemoService";
// docs/wire-format.md's 2.7 provider URL, URL-encoded by hand as java.net.URLEncoder does.
const JAVA_NODE =
  "dubbo%3A%2F%2F10.0.0.5%3A20880%2Forg.apache.dubbo.demo.DemoService%3Fanyhost%3Dtrue%26application%3Ddemo-provider%26deprecated%3Dfalse%26dubbo%3D2.0.2%26dynamic%3Dtrue%26generic%3Dfalse%26interface%3Dorg.apache.dubbo.demo.DemoService%26methods%3DsayHello%2CsayHelloAsync%26pid%3D4242%26release%3D2.7.23%26side%3Dprovider%26timestamp%3D1700000000000";

const zk = inject("zkConnect");
const ZERO = "0000000000000000";

describe("registry layout (what Java writes and reads)", () => {
  let raw: RawClient;
  const open: ZookeeperRegistry[] = [];
  const registry = async (extra: Partial<Parameters<typeof createZookeeperRegistry>[0]> = {}) => {
    const r = createZookeeperRegistry({
      address: `zookeeper://${zk}`,
      cacheFile: false,
      sessionTimeout: 10_000,
      ...extra,
    });
    open.push(r);
    await r.start();
    return r;
  };

  beforeAll(async () => {
    raw = await rawClient(zk);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await raw.close();
  });

  it("registers a provider node byte-for-byte as Java names it, ephemeral, parents persistent", async () => {
    const r = await registry();
    const url = buildProviderUrl({
      host: "10.0.0.5",
      port: 20880,
      interface: DEMO,
      methods: ["sayHello", "sayHelloAsync"],
      application: "demo-provider",
      pid: 4242,
      timestamp: 1700000000000,
    });
    await r.register(url);
    const providers = `/dubbo/${DEMO}/providers`;
    expect(await raw.children(providers)).toContain(JAVA_NODE);
    const session = r.stats().sessionId!;
    expect(session).toMatch(/^[0-9a-f]{16}$/);
    const leaf = await raw.stat(`${providers}/${JAVA_NODE}`);
    expect(leaf!.ephemeralOwner.toString("hex")).toBe(session);
    for (const p of ["/dubbo", `/dubbo/${DEMO}`, providers]) {
      expect((await raw.stat(p))!.ephemeralOwner.toString("hex")).toBe(ZERO);
    }
    await r.unregister(url);
    expect(await raw.children(providers)).not.toContain(JAVA_NODE);
  });

  it("registers consumers under /consumers and unregister removes exactly its own node", async () => {
    const r = await registry();
    const iface = uniqueInterface();
    const consumer = buildConsumerUrl({ host: "10.0.0.9", interface: iface, application: "c" });
    const p1 = providerUrl(iface);
    const p2 = p1.with({ port: 30002 });
    await r.register(consumer);
    await r.register(p1);
    await r.register(p2);
    const consumers = await raw.children(`/dubbo/${iface}/consumers`);
    expect(consumers).toEqual([ServiceUrl.encode(consumer.toFullString())]);
    const stat = await raw.stat(`/dubbo/${iface}/consumers/${consumers[0]}`);
    expect(stat!.ephemeralOwner.toString("hex")).toBe(r.stats().sessionId);
    await r.unregister(p1);
    expect(await raw.children(`/dubbo/${iface}/providers`)).toEqual([
      ServiceUrl.encode(p2.toFullString()),
    ]);
    await r.close();
    expect(await raw.children(`/dubbo/${iface}/providers`)).toEqual([]);
    expect(await raw.children(`/dubbo/${iface}/consumers`)).toEqual([]);
  });

  it("writes dynamic=false providers as PERSISTENT nodes and deletes them on close", async () => {
    const r = await registry();
    const iface = uniqueInterface();
    const url = providerUrl(iface, { parameters: { dynamic: false } });
    await r.register(url);
    const node = `/dubbo/${iface}/providers/${ServiceUrl.encode(url.toFullString())}`;
    expect((await raw.stat(node))!.ephemeralOwner.toString("hex")).toBe(ZERO);
    await r.close();
    expect(await raw.stat(node)).toBeNull();
  });

  it("deletes and re-creates a stale node owned by another session", async () => {
    const iface = uniqueInterface();
    const url = providerUrl(iface);
    const node = `/dubbo/${iface}/providers/${ServiceUrl.encode(url.toFullString())}`;
    const other = await rawClient(zk);
    await other.mkdirp(`/dubbo/${iface}/providers`);
    await other.create(node, true);
    expect((await raw.stat(node))!.ephemeralOwner.toString("hex")).toBe(other.sessionId());
    const r = await registry();
    await r.register(url);
    expect((await raw.stat(node))!.ephemeralOwner.toString("hex")).toBe(r.stats().sessionId);
    await other.close();
    // The old session ending must not take our node with it.
    expect((await raw.stat(node))!.ephemeralOwner.toString("hex")).toBe(r.stats().sessionId);
  });

  it("writes its node again when someone else deletes it while the session lives", async () => {
    const r = await registry();
    const iface = uniqueInterface();
    const url = providerUrl(iface);
    await r.register(url);
    const node = `/dubbo/${iface}/providers/${ServiceUrl.encode(url.toFullString())}`;
    // Deleting again the instant the node reappears hits the window where the registry's write
    // is still in flight (its watch fires before the write ends): that must not lose the node.
    for (let i = 0; i < 20; i++) {
      await raw.remove(node);
      const stat = await waitFor("the node written again", () => raw.stat(node), 10_000, 5);
      expect(stat.ephemeralOwner.toString("hex")).toBe(r.stats().sessionId);
    }
    // A rewrite still in flight is not a pending retry (its node is visible already).
    expect(r.stats()).toMatchObject({ clientsCreated: 1, expirations: 0, pendingRetries: 0 });
    // Unregistering during that rewrite removes the node once the write ends.
    await r.unregister(url);
    await waitFor("the node removed", async () => (await raw.stat(node)) === null, 10_000);
  });

  it("confines everything to a chroot and a root group", async () => {
    const iface = uniqueInterface();
    const chroot = `/it-chroot-${iface.slice(-10)}`;
    await raw.mkdirp(chroot);
    const r = await registry({ address: `zookeeper://${zk}${chroot}?group=rpc` });
    const url = providerUrl(iface);
    await r.register(url);
    expect(await raw.children(`${chroot}/rpc/${iface}/providers`)).toEqual([
      ServiceUrl.encode(url.toFullString()),
    ]);
    expect(await raw.stat(`/dubbo/${iface}`)).toBeNull();
  });

  it("delivers added and removed providers to a subscriber, and empty:// when the last leaves", async () => {
    const provider = await registry();
    const consumer = await registry();
    const fast = await registry({ notifyDelay: 0 });
    const iface = uniqueInterface();
    const listener = recorder();
    const eager = recorder();
    const sub = subscriptionOf(iface);
    await consumer.subscribe(sub, listener);
    await fast.subscribe(sub, eager);
    expect(listener.calls).toHaveLength(1);
    expect(listener.latest()![0]!.protocol).toBe("empty");
    expect(listener.latest()![0]!.parameters.category).toBe("providers");
    const p1 = providerUrl(iface);
    // ms from the start of register()/unregister() to the subscriber's notification.
    const ms: { delay100: number[]; delay0: number[] } = { delay100: [], delay0: [] };
    const change = async (what: string, run: () => Promise<void>) => {
      const before = [listener.calls.length, eager.calls.length];
      const t0 = performance.now();
      await run();
      await waitFor(
        what,
        () => listener.calls.length > before[0]! && eager.calls.length > before[1]!,
        10_000,
        1,
      );
      ms.delay100.push(listener.calls.at(-1)!.at - t0);
      ms.delay0.push(eager.calls.at(-1)!.at - t0);
    };
    for (const port of [30001, 30002, 30003]) {
      await change("the new provider", () => provider.register(p1.with({ port })));
    }
    expect(listener.addresses()).toEqual(["10.0.0.5:30001", "10.0.0.5:30002", "10.0.0.5:30003"]);
    expect(eager.addresses()).toEqual(listener.addresses());
    await change("the removal", () => provider.unregister(p1.with({ port: 30002 })));
    expect(listener.addresses()).toEqual(["10.0.0.5:30001", "10.0.0.5:30003"]);
    const show = (list: number[]) => list.map((t) => t.toFixed(1)).join(", ");
    console.log(
      `[registry-zookeeper] provider added (x3) then removed → subscriber notified after ms: notifyDelay 100 (default): ${show(ms.delay100)}; notifyDelay 0: ${show(ms.delay0)}`,
    );
    await provider.unregister(p1.with({ port: 30001 }));
    await provider.unregister(p1.with({ port: 30003 }));
    await waitFor("empty://", () => listener.latest()?.[0]?.protocol === "empty");
    expect(listener.latest()).toHaveLength(1);
  });

  it("reads provider nodes as Java 2.7 and 3.3 write them", async () => {
    const consumer = await registry({ notifyDelay: 0 });
    const java33 = ServiceUrl.encode(
      `dubbo://10.0.0.6:20880/${DEMO}?application=demo-provider&deprecated=false&dubbo=2.0.2&dynamic=true&generic=false&interface=${DEMO}&methods=sayHello,sayHelloAsync&prefer.serialization=hessian2,fastjson2&release=3.3.1&service-name-mapping=true&side=provider&timestamp=1700000000001`,
    );
    const writer = await rawClient(zk);
    try {
      await writer.mkdirp(`/dubbo/${DEMO}/providers`);
      await writer.create(`/dubbo/${DEMO}/providers/${JAVA_NODE}`, true);
      await writer.create(`/dubbo/${DEMO}/providers/${java33}`, true);
      const listener = recorder();
      await consumer.subscribe(subscriptionOf(DEMO), listener);
      const urls = listener.latest()!;
      expect(urls.map((u) => u.address)).toEqual(["10.0.0.5:20880", "10.0.0.6:20880"]);
      expect(urls[0]!.parameters).toMatchObject({
        methods: "sayHello,sayHelloAsync",
        release: "2.7.23",
        timestamp: "1700000000000",
      });
      expect(urls[1]!.parameters["prefer.serialization"]).toBe("hessian2,fastjson2");
      expect(urls.map((u) => ServiceUrl.encode(u.toFullString()))).toEqual([JAVA_NODE, java33]);
    } finally {
      await writer.close();
    }
  });

  it("filters by version (with *), group (with * and lists) and enabled", async () => {
    const provider = await registry();
    const consumer = await registry({ notifyDelay: 0 });
    const iface = uniqueInterface();
    const base = { host: "10.0.0.5", interface: iface, methods: ["a"], application: "p" };
    await provider.register(buildProviderUrl({ ...base, port: 30001, version: "1.0.0" }));
    await provider.register(buildProviderUrl({ ...base, port: 30002, version: "2.0.0" }));
    await provider.register(
      buildProviderUrl({ ...base, port: 30003, version: "1.0.0", group: "g1" }),
    );
    await provider.register(
      buildProviderUrl({ ...base, port: 30004, version: "1.0.0", group: "g2" }),
    );
    await provider.register(
      buildProviderUrl({ ...base, port: 30005, version: "1.0.0", parameters: { enabled: false } }),
    );
    const seen = async (params: { version?: string; group?: string }) => {
      const l = recorder();
      const url = buildConsumerUrl({
        host: "10.0.0.9",
        interface: iface,
        application: "c",
        category: "providers",
        ...params,
      });
      await consumer.subscribe(url, l);
      await consumer.unsubscribe(url, l);
      return l.addresses();
    };
    expect(await seen({ version: "1.0.0" })).toEqual(["10.0.0.5:30001"]);
    expect(await seen({ version: "*" })).toEqual(["10.0.0.5:30001", "10.0.0.5:30002"]);
    expect(await seen({ version: "1.0.0", group: "g1" })).toEqual(["10.0.0.5:30003"]);
    expect(await seen({ version: "1.0.0", group: "g1,g2" })).toEqual([
      "10.0.0.5:30003",
      "10.0.0.5:30004",
    ]);
    expect(await seen({ version: "*", group: "*" })).toEqual([
      "10.0.0.5:30001",
      "10.0.0.5:30002",
      "10.0.0.5:30003",
      "10.0.0.5:30004",
    ]);
    expect(await seen({ version: "3.0.0" })).toEqual([]);
  });

  it("watches each category separately and routes configurators to their own notification", async () => {
    const consumer = await registry({ notifyDelay: 0 });
    const iface = uniqueInterface();
    const listener = recorder();
    const sub = buildConsumerUrl({
      host: "10.0.0.9",
      interface: iface,
      application: "c",
      category: "providers,configurators,routers",
    });
    await consumer.subscribe(sub, listener);
    expect(listener.calls.map((c) => c.urls[0]!.parameters.category).sort()).toEqual([
      "configurators",
      "providers",
      "routers",
    ]);
    const override = `override://0.0.0.0/${iface}?category=configurators&dynamic=false&enabled=true&timeout=5000`;
    await raw.create(`/dubbo/${iface}/configurators/${ServiceUrl.encode(override)}`);
    await waitFor(
      "the override",
      () => listener.latest("configurators")?.[0]?.protocol === "override",
    );
    expect(listener.latest("configurators")!.map((u) => u.toFullString())).toEqual([
      ServiceUrl.parse(override).toFullString(),
    ]);
    expect(listener.latest("providers")![0]!.protocol).toBe("empty");
    const providerCalls = listener.calls.filter(
      (c) => c.urls[0]!.parameters.category === "providers",
    );
    expect(providerCalls).toHaveLength(1);
  });

  it("coalesces a burst of provider changes into few notifications", async () => {
    const provider = await registry();
    const consumer = await registry({ notifyDelay: 200 });
    const iface = uniqueInterface();
    const listener = recorder();
    await consumer.subscribe(subscriptionOf(iface), listener);
    const base = providerUrl(iface, { port: 30000 });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => provider.register(base.with({ port: 31000 + i }))),
    );
    await waitFor("all 30 providers", () => listener.addresses()?.length === 30);
    const notifications = listener.calls.length - 1;
    console.log(`[registry-zookeeper] 30 registrations → ${notifications} notification(s)`);
    // 30 changes, one read per 200 ms window: a handful of notifications, not 30 (margin for a slow CI).
    expect(notifications).toBeLessThanOrEqual(10);
  });

  it("keeps the last list with empty protection, and pushes empty:// without it", async () => {
    const provider = await registry();
    const guarded = await registry({ emptyProtection: true, notifyDelay: 0 });
    const plain = await registry({ notifyDelay: 0 });
    const iface = uniqueInterface();
    const url = providerUrl(iface);
    await provider.register(url);
    const sub = subscriptionOf(iface);
    const g = recorder();
    const p = recorder();
    await guarded.subscribe(sub, g);
    await plain.subscribe(sub, p);
    await provider.unregister(url);
    await waitFor("empty:// without protection", () => p.latest()?.[0]?.protocol === "empty");
    expect(g.addresses()).toEqual(["10.0.0.5:30001"]);
    expect(g.calls).toHaveLength(1);
    await provider.register(url.with({ port: 30002 }));
    await waitFor(
      "the new provider with protection",
      () => g.addresses()?.[0] === "10.0.0.5:30002",
    );
  });

  it("re-creates and re-watches a category path deleted under it", async () => {
    const provider = await registry();
    const consumer = await registry({ notifyDelay: 0 });
    const iface = uniqueInterface();
    const listener = recorder();
    await consumer.subscribe(subscriptionOf(iface), listener);
    await raw.remove(`/dubbo/${iface}/providers`);
    await waitFor("the path again", () => raw.stat(`/dubbo/${iface}/providers`));
    const url = providerUrl(iface);
    await provider.register(url);
    await waitFor(
      "the provider after the path came back",
      () => listener.addresses()?.length === 1,
    );
  });
});
