import { describe, expect, it } from "vitest";
import { createInvocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";
import type { Protocol } from "./protocol.js";
import { createRegistryDirectory } from "./registry-directory.js";
import type { ServiceDefinition } from "./service-definition.js";
import { ServiceUrl } from "./service-url.js";
import { createFakeInvoker, type FakeInvoker } from "./testing/fake-invoker.js";
import { createMemoryRegistry, createMemoryRegistryStore } from "./testing/memory-registry.js";
import { mergeUrl } from "./url-merge.js";

const definition: ServiceDefinition = {
  interface: "com.x.Svc",
  methods: [{ name: "find", parameterTypes: [], returnType: "void" }],
};
const consumer = ServiceUrl.parse(
  "consumer://127.0.0.1/com.x.Svc?application=web&interface=com.x.Svc&version=1.0.0&timeout=2000&side=consumer&timestamp=1&methods=find",
);
const providerUrl = (port: number, extra = "") =>
  ServiceUrl.parse(
    `dubbo://127.0.0.1:${port}/com.x.Svc?application=svc&interface=com.x.Svc&version=1.0.0&side=provider&timestamp=5&methods=find,add&timeout=3000&threads=200&loadbalance=roundrobin${extra}`,
  );

function fakeProtocol() {
  const referred: FakeInvoker[] = [];
  const protocol: Protocol = {
    name: "dubbo",
    async export() {
      throw new Error("not used");
    },
    refer(url) {
      const invoker = createFakeInvoker(url, () => `from ${url.port}`);
      referred.push(invoker);
      return invoker;
    },
    async close() {},
  };
  return { protocol, referred };
}

const call = createInvocation({
  serviceName: "com.x.Svc",
  methodName: "find",
  parameterTypes: [],
  args: [],
});

describe("mergeUrl", () => {
  it("takes provider parameters as defaults and lets the consumer's win", () => {
    const merged = mergeUrl(
      providerUrl(1, "&find.timeout=100&group=g"),
      consumer.withParameters({ group: "other", loadbalance: "leastactive" }),
    );
    expect(merged.address).toBe("127.0.0.1:1");
    expect(merged.parameters).toMatchObject({
      timeout: "2000",
      "find.timeout": "100",
      loadbalance: "leastactive",
      application: "web",
      "remote.application": "svc",
      side: "consumer",
      group: "g",
      timestamp: "5",
      methods: "find,add",
    });
    expect(merged.parameters.threads).toBeUndefined();
  });
});

describe("RegistryDirectory", () => {
  it("refers the providers the registry announces, with merged URLs", async () => {
    const store = createMemoryRegistryStore();
    const providerSide = createMemoryRegistry(store);
    await providerSide.register(providerUrl(20001));
    await providerSide.register(providerUrl(20002));
    const { protocol, referred } = fakeProtocol();
    const directory = createRegistryDirectory({
      registry: createMemoryRegistry(store),
      protocol,
      consumerUrl: consumer,
      definition,
    });
    await directory.subscribe();
    expect(directory.list(call).map((i) => i.url.address)).toEqual([
      "127.0.0.1:20001",
      "127.0.0.1:20002",
    ]);
    expect(referred[0]!.url.getParameter("timeout")).toBe("2000");
    expect(referred[0]!.url.getParameter("loadbalance")).toBe("roundrobin");
    expect((await directory.list(call)[0]!.invoke(call)).value).toBe("from 20001");
  });

  it("reuses invokers of unchanged URLs and destroys removed ones", async () => {
    const store = createMemoryRegistryStore();
    const providerSide = createMemoryRegistry(store);
    await providerSide.register(providerUrl(20001));
    await providerSide.register(providerUrl(20002));
    const { protocol, referred } = fakeProtocol();
    const directory = createRegistryDirectory({
      registry: createMemoryRegistry(store),
      protocol,
      consumerUrl: consumer,
      definition,
    });
    await directory.subscribe();
    const before: Invoker[] = [...directory.invokers];
    await providerSide.register(providerUrl(20003));
    expect(directory.invokers.slice(0, 2)).toEqual(before);
    expect(referred).toHaveLength(3);
    await providerSide.unregister(providerUrl(20001));
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20002, 20003]);
    await new Promise((r) => setImmediate(r));
    expect(referred[0]!.destroyed).toBe(true);
    expect(referred[1]!.destroyed).toBe(false);
  });

  it("empties on empty:// and ignores foreign protocols, versions and disabled providers", async () => {
    const store = createMemoryRegistryStore();
    const providerSide = createMemoryRegistry(store);
    const { protocol, referred } = fakeProtocol();
    const directory = createRegistryDirectory({
      registry: createMemoryRegistry(store),
      protocol,
      consumerUrl: consumer,
      definition,
    });
    await directory.subscribe();
    expect(directory.invokers).toEqual([]);
    await providerSide.register(providerUrl(20001).with({ protocol: "tri" }));
    await providerSide.register(providerUrl(20002, "&version=2.0.0"));
    await providerSide.register(providerUrl(20003, "&disabled=true"));
    await providerSide.register(providerUrl(20004));
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20004]);
    await providerSide.unregister(providerUrl(20004));
    expect(directory.invokers).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(referred.every((i) => i.destroyed)).toBe(true);
  });

  it("only reacts to the providers category", async () => {
    const { protocol } = fakeProtocol();
    const directory = createRegistryDirectory({
      registry: createMemoryRegistry(),
      protocol,
      consumerUrl: consumer,
      definition,
    });
    directory.notify([providerUrl(20001)]);
    directory.notify([ServiceUrl.parse("empty://127.0.0.1/com.x.Svc?category=routers")]);
    expect(directory.invokers).toHaveLength(1);
    directory.notify([ServiceUrl.parse("empty://127.0.0.1/com.x.Svc?category=providers")]);
    expect(directory.invokers).toHaveLength(0);
  });

  it("unsubscribes and destroys everything on destroy", async () => {
    const store = createMemoryRegistryStore();
    const providerSide = createMemoryRegistry(store);
    await providerSide.register(providerUrl(20001));
    const { protocol, referred } = fakeProtocol();
    const registry = createMemoryRegistry(store);
    const directory = createRegistryDirectory({
      registry,
      protocol,
      consumerUrl: consumer,
      definition,
    });
    await directory.subscribe();
    await directory.destroy();
    expect(referred[0]!.destroyed).toBe(true);
    expect(directory.list(call)).toEqual([]);
    await providerSide.register(providerUrl(20002));
    expect(directory.list(call)).toEqual([]);
    expect(registry.log.at(-1)).toMatch(
      /^unsubscribe consumer:\/\/127\.0\.0\.1\/com\.x\.Svc\?.*category=providers,configurators,routers/,
    );
  });
});

describe("RegistryDirectory with override rules (configurators)", () => {
  /** An override node's URL as dubbo-admin writes it, for com.x.Svc 1.0.0. */
  const override = (hostPort: string, params: string) =>
    ServiceUrl.parse(
      `override://${hostPort}/com.x.Svc?category=configurators&dynamic=false&enabled=true&version=1.0.0&${params}`,
    );
  const noRules = ServiceUrl.parse("empty://127.0.0.1/com.x.Svc?category=configurators");
  const flush = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };

  function setUp() {
    const { protocol, referred } = fakeProtocol();
    const directory = createRegistryDirectory({
      registry: createMemoryRegistry(),
      protocol,
      consumerUrl: consumer,
      definition,
    });
    return { directory, referred };
  }

  it("leaves out a provider disabled by a host:port rule and takes it back when the rule is deleted", async () => {
    const { directory, referred } = setUp();
    directory.notify([providerUrl(20001), providerUrl(20002)]);
    const [a, b] = directory.invokers;
    directory.notify([override("127.0.0.1:20001", "disabled=true")]);
    expect(directory.invokers).toEqual([b]);
    await new Promise((r) => setImmediate(r));
    expect(referred[0]!.destroyed).toBe(true);
    directory.notify([noRules]);
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20001, 20002]);
    expect(directory.invokers[0]).not.toBe(a);
    expect(directory.invokers[1]).toBe(b);
    expect((await directory.list(call)[0]!.invoke(call)).value).toBe("from 20001");
  });

  it("applies rules that arrived before the first provider list", () => {
    const { directory } = setUp();
    directory.notify([override("0.0.0.0", "weight=300"), override("127.0.0.1:20002", "weight=5")]);
    expect(directory.invokers).toEqual([]);
    directory.notify([providerUrl(20001), providerUrl(20002)]);
    expect(directory.invokers.map((i) => i.url.getParameter("weight"))).toEqual(["300", "5"]);
  });

  it("keeps the rules when the provider list changes", () => {
    const { directory } = setUp();
    directory.notify([providerUrl(20001)]);
    directory.notify([override("127.0.0.1:20002", "disabled=true")]);
    directory.notify([providerUrl(20001), providerUrl(20002), providerUrl(20003)]);
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20001, 20003]);
  });

  it("refers a provider again with the new parameters before releasing the old invoker", async () => {
    const { directory, referred } = setUp();
    directory.notify([providerUrl(20001), providerUrl(20002)]);
    const [, b] = directory.invokers;
    let release!: () => void;
    referred[0]!.handler = () => new Promise<string>((r) => (release = () => r("old answer")));
    const inFlight = directory.invokers[0]!.invoke(call);
    directory.notify([
      override("0.0.0.0", "timeout=3000&retries=0"),
      override("127.0.0.1:20002", "weight=1"),
    ]);
    // Consumer timeout=2000 is overridden: rules come after the merge with the consumer's parameters.
    expect(directory.invokers.map((i) => i.url.getParameter("timeout"))).toEqual(["3000", "3000"]);
    expect(directory.invokers.map((i) => i.url.getParameter("retries"))).toEqual(["0", "0"]);
    expect(directory.invokers[1]!.url.getParameter("weight")).toBe("1");
    expect(directory.invokers[1]).not.toBe(b);
    expect(referred).toHaveLength(4);
    // The old invoker of 20001 waits for its call in flight; the new one already answers.
    await flush();
    expect(referred[0]!.destroyed).toBe(false);
    expect((await directory.list(call)[0]!.invoke(call)).value).toBe("from 20001");
    release();
    expect((await inFlight).value).toBe("old answer");
    await flush();
    expect(referred[0]!.destroyed).toBe(true);
    expect(referred[2]!.destroyed).toBe(false);
  });

  it("reuses the invokers of providers no rule changes", () => {
    const { directory, referred } = setUp();
    directory.notify([providerUrl(20001), providerUrl(20002)]);
    const before = [...directory.invokers];
    directory.notify([override("127.0.0.1:20002", "weight=50")]);
    expect(directory.invokers[0]).toBe(before[0]);
    expect(referred).toHaveLength(3);
    directory.notify([override("127.0.0.1:20002", "weight=50")]);
    expect(referred).toHaveLength(3);
  });

  it("ignores disabled rules, rules of another version and routers", () => {
    const { directory } = setUp();
    directory.notify([providerUrl(20001)]);
    directory.notify([override("127.0.0.1:20001", "weight=5")]);
    expect(directory.invokers[0]!.url.getParameter("weight")).toBe("5");
    directory.notify([
      ServiceUrl.parse(
        "override://0.0.0.0/com.x.Svc?category=configurators&enabled=false&version=1.0.0&disabled=true",
      ),
      ServiceUrl.parse(
        "override://0.0.0.0/com.x.Svc?category=configurators&version=2.0.0&disabled=true",
      ),
    ]);
    directory.notify([
      ServiceUrl.parse(
        "condition://0.0.0.0/com.x.Svc?category=routers&rule=%3D%3E+host+%21%3D+127.0.0.1",
      ),
    ]);
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20001]);
    // The list that replaced the weight rule held no rule for this consumer: none applies.
    expect(directory.invokers[0]!.url.getParameter("weight")).toBeUndefined();
  });

  it("re-enables a provider registered with disabled=true through a disabled=false rule", () => {
    const { directory } = setUp();
    directory.notify([providerUrl(20001, "&disabled=true")]);
    expect(directory.invokers).toEqual([]);
    directory.notify([override("127.0.0.1:20001", "disabled=false")]);
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20001]);
  });

  it("applies rules from a registry subscription", async () => {
    const store = createMemoryRegistryStore();
    const admin = createMemoryRegistry(store);
    await admin.register(providerUrl(20001));
    await admin.register(providerUrl(20002));
    const { protocol } = fakeProtocol();
    const directory = createRegistryDirectory({
      registry: createMemoryRegistry(store),
      protocol,
      consumerUrl: consumer,
      definition,
    });
    await directory.subscribe();
    const rule = override("127.0.0.1:20001", "disabled=true");
    await admin.register(rule);
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20002]);
    await admin.unregister(rule);
    expect(directory.invokers.map((i) => i.url.port)).toEqual([20001, 20002]);
  });
});
