import { afterEach, describe, expect, it } from "vitest";
import { type Application, type ApplicationOptions, createApplication } from "./application.js";
import { loadConfig } from "./config/resolve-config.js";
import type { ServiceDiscovery } from "./discovery/service-discovery.js";
import { REVISION_KEY } from "./discovery/service-instance.js";
import type { ApplicationExtension } from "./extension.js";
import type { Filter } from "./filter.js";
import { Code, RpcError } from "./rpc-error.js";
import type { ServiceDefinition } from "./service-definition.js";
import { createMemoryNetwork, createMemoryProtocol } from "./testing/memory-protocol.js";
import { createMemoryRegistry, createMemoryRegistryStore } from "./testing/memory-registry.js";

const ECHO: ServiceDefinition = {
  interface: "com.x.EchoService",
  methods: [
    { name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
    { name: "slow", parameterTypes: ["int"], returnType: "int" },
    {
      name: "sum",
      parameterTypes: ["java.util.List<java.lang.Integer>"],
      returnType: "int",
    },
  ],
};
type Echo = {
  echo(s: string): Promise<string>;
  slow(ms: number): Promise<number>;
  sum(xs: number[]): Promise<number>;
};
const impl = {
  echo: async (s: string) => s,
  slow: async (ms: number) => {
    await new Promise((r) => setTimeout(r, ms));
    return ms;
  },
  sum: async (xs: number[]) => xs.reduce((a, b) => a + b, 0),
};

let apps: Application[] = [];
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close({ timeoutMs: 100 })));
  apps = [];
});

function world() {
  const store = createMemoryRegistryStore();
  const network = createMemoryNetwork();
  const registry = () => createMemoryRegistry(store);
  const make = (options: Partial<ApplicationOptions> & { name: string }) => {
    const app = createApplication({
      registry: { address: "zookeeper://127.0.0.1:2181" },
      protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
      plugins: { registry: registry(), protocol: createMemoryProtocol(network) },
      env: false,
      ...options,
    });
    apps.push(app);
    return app;
  };
  return { store, make };
}

describe("app.health()", () => {
  it("reports started/registered/ready per service, providers per reference, registry state", async () => {
    const { make } = world();
    const provider = make({
      name: "p",
      services: [{ implementation: impl, contract: ECHO, version: "1.0.0" }],
    });
    expect(provider.health()).toMatchObject({ state: "new", started: false, ready: false });
    await provider.start();
    const consumer = make({ name: "c" });
    consumer.reference<Echo>(ECHO, { version: "1.0.0" });
    await consumer.start();
    expect(provider.health()).toMatchObject({
      state: "started",
      started: true,
      ready: true,
      live: true,
      registry: { address: "zookeeper://127.0.0.1:2181", connected: true },
      services: [
        {
          serviceKey: "com.x.EchoService:1.0.0",
          interface: "com.x.EchoService",
          methods: ["echo", "slow", "sum"],
          exported: true,
          registrable: true,
          registered: true,
          inFlight: 0,
        },
      ],
      references: [],
    });
    expect(consumer.health().references).toEqual([
      {
        serviceKey: "com.x.EchoService:1.0.0",
        interface: "com.x.EchoService",
        direct: false,
        providers: 1,
      },
    ]);
    expect(consumer.health().ready).toBe(true); // no service: ready once started
  });
});

describe("offline and online", () => {
  it("unregister and re-register without stopping; calls in flight finish; consumers follow", async () => {
    const { make } = world();
    const provider = make({
      name: "p",
      services: [{ implementation: impl, contract: ECHO, version: "1.0.0" }],
    });
    await provider.start();
    const consumer = make({ name: "c", consumer: { check: false, retries: 0 } });
    const echo = consumer.reference<Echo>(ECHO, { version: "1.0.0" });
    await consumer.start();
    const inFlight = echo.slow(50);
    expect(await provider.offline()).toBe(1);
    expect(await inFlight).toBe(50);
    expect(provider.health()).toMatchObject({ ready: false, services: [{ registered: false }] });
    expect(consumer.health().references[0]!.providers).toBe(0);
    const refused = await echo.echo("x").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).code).toBe(Code.NoInvoker);

    expect(await provider.online((s) => s.interface === "com.x.EchoService")).toBe(1);
    expect(provider.health()).toMatchObject({ ready: true, services: [{ registered: true }] });
    expect(await echo.echo("back")).toBe("back");
    expect(await provider.offline((s) => s.interface === "com.x.Other")).toBe(0);
  });

  it("does not unregister again at close what offline took out", async () => {
    const { make } = world();
    const registry = createMemoryRegistry(createMemoryRegistryStore());
    const provider = make({
      name: "p",
      services: [{ implementation: impl, contract: ECHO }],
      plugins: { registry, protocol: createMemoryProtocol() },
    });
    await provider.start();
    await provider.offline();
    await provider.close();
    expect(registry.log.filter((l) => l.startsWith("unregister"))).toHaveLength(1);
  });

  it("with registerMode instance, takes the services out of the instance (level app), not interface", async () => {
    const { make } = world();
    const instances: string[] = [];
    const none = async () => () => {};
    const serviceDiscovery: ServiceDiscovery = {
      registerInstance: async (i) => void instances.push(`register ${i.metadata[REVISION_KEY]}`),
      unregisterInstance: async () => void instances.push("unregister"),
      map: async () => {},
      watchMapping: none,
      watchInstances: none,
      publishMetadata: async () => {},
      publishServiceDefinition: async () => {},
      getMetadata: async () => undefined,
      watchMigrationRule: none,
    };
    const registry = createMemoryRegistry(createMemoryRegistryStore());
    const provider = make({
      name: "p",
      application: { registerMode: "instance" },
      services: [{ implementation: impl, contract: ECHO }],
      plugins: {
        registry: Object.assign(registry, { serviceDiscovery }),
        protocol: createMemoryProtocol(),
      },
    });
    await provider.start();
    expect(instances).toHaveLength(1);
    expect(await provider.offline(undefined, "interface")).toBe(1);
    expect(instances).toHaveLength(1);
    expect(await provider.offline()).toBe(1);
    expect(instances.at(-1)).toBe("unregister");
    expect(await provider.online(undefined, "app")).toBe(1);
    expect(instances.at(-1)).toBe(instances[0]);
    expect(registry.log.filter((l) => /^(un)?register /.test(l))).toEqual([]);
  });
});

describe("app.invokeService()", () => {
  it("calls an exported method through the generic path with the contract's types", async () => {
    const { make } = world();
    const seen: string[] = [];
    const spy: Filter = (next) => (inv) => {
      seen.push(`${inv.methodName}(${inv.parameterTypes.join(",")})`);
      return next(inv);
    };
    const provider = make({
      name: "p",
      services: [{ implementation: impl, contract: ECHO, version: "1.0.0" }],
      filters: { provider: [spy] },
    });
    await provider.start();
    expect(await provider.invokeService("com.x.EchoService:1.0.0", "sum", [[1, 2, 3]])).toBe(6);
    expect(seen).toEqual(["sum(java.util.List<java.lang.Integer>)"]);
    await expect(provider.invokeService("com.x.Nope", "sum", [[]])).rejects.toMatchObject({
      code: Code.NoInvoker,
    });
    await expect(
      provider.invokeService("com.x.EchoService:1.0.0", "echo", ["a", "b"]),
    ).rejects.toMatchObject({ code: Code.MethodNotFound });
  });
});

describe("extensions", () => {
  it("start before the first export, wrap services and references outside the app's filters, close last", async () => {
    const { make } = world();
    const log: string[] = [];
    const tag =
      (name: string): Filter =>
      (next) =>
      (inv) => {
        log.push(name);
        return next(inv);
      };
    const extension = (name: string): ApplicationExtension<Application> => ({
      name,
      async start({ app, config, host }) {
        log.push(`${name}.start ${config.name} ${host} exported=${app.exported.length}`);
        return { provider: [tag(`${name}.provider`)], consumer: [tag(`${name}.consumer`)] };
      },
      async close() {
        log.push(`${name}.close`);
      },
    });
    const a = make({
      name: "a",
      services: [{ implementation: impl, contract: ECHO }],
      filters: { provider: [tag("app.provider")], consumer: [tag("app.consumer")] },
      extensions: [extension("x"), extension("y")],
    });
    const echo = a.reference<Echo>(ECHO, {});
    await a.start();
    expect(log).toEqual(["x.start a 127.0.0.1 exported=0", "y.start a 127.0.0.1 exported=0"]);
    log.length = 0;
    expect(await echo.echo("hi")).toBe("hi");
    expect(log).toEqual([
      "x.consumer",
      "y.consumer",
      "app.consumer",
      "x.provider",
      "y.provider",
      "app.provider",
    ]);
    log.length = 0;
    await a.close();
    expect(log).toEqual(["y.close", "x.close"]);
  });

  it("may wrap the registry: the application registers, subscribes and unregisters through it", async () => {
    const { make } = world();
    const seen: string[] = [];
    const a = make({
      name: "a",
      services: [{ implementation: impl, contract: ECHO }],
      extensions: [
        {
          name: "spy",
          start: async () => ({
            registry: (r) => ({
              ...r,
              start: () => r.start(),
              close: () => r.close(),
              register: (u) => {
                seen.push(`register ${u.protocol}`);
                return r.register(u);
              },
              unregister: (u) => {
                seen.push(`unregister ${u.protocol}`);
                return r.unregister(u);
              },
              subscribe: (u, l) => {
                seen.push("subscribe");
                return r.subscribe(u, l);
              },
              unsubscribe: (u, l) => r.unsubscribe(u, l),
            }),
          }),
        },
      ],
    });
    a.reference<Echo>(ECHO, {});
    await a.start();
    await a.close();
    expect(seen).toEqual([
      "register dubbo",
      "register consumer",
      "subscribe",
      "unregister dubbo",
      "unregister consumer",
    ]);
  });

  it("a failing start fails app.start() and closes what started", async () => {
    const { make } = world();
    const log: string[] = [];
    const a = make({
      name: "a",
      extensions: [
        { name: "ok", start: async () => undefined, close: async () => void log.push("ok.close") },
        {
          name: "bad",
          start: async () => {
            throw new RangeError("bad extension");
          },
        },
      ],
    });
    await expect(a.start()).rejects.toThrow("bad extension");
    expect(log).toEqual(["ok.close"]);
  });
});

describe("application.qos* configuration", () => {
  it("reads Java's keys from code and DUBBO_APPLICATION_QOS_* (environment first)", () => {
    const config = loadConfig({
      code: { name: "a", application: { qosPort: 22223, qosEnable: true } },
      env: {
        DUBBO_APPLICATION_QOS_PORT: "33333",
        DUBBO_APPLICATION_QOS_ACCEPT_FOREIGN_IP: "false",
        DUBBO_APPLICATION_QOS_ACCEPT_FOREIGN_IP_WHITELIST: "10.0.0.0/8",
        DUBBO_APPLICATION_QOS_ANONYMOUS_ACCESS_PERMISSION_LEVEL: "PROTECTED",
      },
    });
    expect(config.application).toEqual({
      qosEnable: true,
      qosPort: 33333,
      qosAcceptForeignIp: false,
      qosAcceptForeignIpWhitelist: "10.0.0.0/8",
      qosAnonymousAccessPermissionLevel: "PROTECTED",
      // The discovery keys always resolve, with Java 3.3's defaults.
      registerMode: "all",
      serviceDiscoveryMigration: "APPLICATION_FIRST",
      metadataType: "local",
    });
    expect(config.sources["application.qosPort"]).toBe("DUBBO_APPLICATION_QOS_PORT (environment)");
  });

  it("rejects a bad value or an unknown key naming it", () => {
    expect(() =>
      loadConfig({ code: { name: "a" }, env: { DUBBO_APPLICATION_QOS_PORT: "70000" } }),
    ).toThrow(/DUBBO_APPLICATION_QOS_PORT/);
    expect(() =>
      loadConfig({ code: { name: "a", application: { qosPrt: 1 } as never }, env: {} }),
    ).toThrow(/qosPrt/);
  });
});
