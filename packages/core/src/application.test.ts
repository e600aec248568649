import { afterEach, describe, expect, it, vi } from "vitest";
import { type Application, type ApplicationOptions, createApplication } from "./application.js";
import { RpcContext } from "./context.js";
import { JavaInterface, JavaMethod, Param } from "./decorators/contract.js";
import { JavaClass, JavaField } from "./decorators/java-class.js";
import { Reference } from "./decorators/reference.js";
import { Method, Service } from "./decorators/service.js";
import type { Filter } from "./filter.js";
import { Code } from "./rpc-error.js";
import { ServiceUrl } from "./service-url.js";
import {
  createMemoryNetwork,
  createMemoryProtocol,
  type MemoryProtocol,
} from "./testing/memory-protocol.js";
import {
  createMemoryRegistry,
  createMemoryRegistryStore,
  type MemoryRegistry,
  type MemoryRegistryStore,
} from "./testing/memory-registry.js";

@JavaClass("com.jd.pojo.TbBrand")
class TbBrand {
  @JavaField("java.lang.Long") id!: number;
  @JavaField() name!: string;
}

const contractOnly = (): never => {
  throw new Error("contract");
};

@JavaInterface("com.jd.sellergoods.service.BrandService")
abstract class BrandService {
  @JavaMethod({ returns: "java.util.List<com.jd.pojo.TbBrand>" })
  findAll(): Promise<TbBrand[]> {
    return contractOnly();
  }
  @JavaMethod({ returns: "com.jd.pojo.TbBrand" })
  findOne(@Param("java.lang.Long") _id: number): Promise<TbBrand | null> {
    return contractOnly();
  }
  @JavaMethod({ returns: "void" })
  add(_brand: TbBrand): Promise<void> {
    return contractOnly();
  }
  @JavaMethod()
  whoAmI(): Promise<string> {
    return contractOnly();
  }
}

@Service({ version: "1.0.0", timeout: 3000 })
class BrandServiceImpl extends BrandService {
  constructor(readonly instance = "p1") {
    super();
  }
  override async findAll() {
    return [Object.assign(new TbBrand(), { id: 1, name: "Huawei" })];
  }
  override async findOne(id: number) {
    return id === 1 ? Object.assign(new TbBrand(), { id, name: "Huawei" }) : null;
  }
  @Method({ timeout: 5000 })
  override async add(brand: TbBrand) {
    if (!brand.name) throw new Error("name must not be empty");
  }
  override async whoAmI() {
    return this.instance;
  }
}

class BrandController {
  @Reference({ version: "1.0.0" }) brandService!: BrandService;
}

interface World {
  store: MemoryRegistryStore;
  network: ReturnType<typeof createMemoryNetwork>;
  apps: Application[];
  protocols: MemoryProtocol[];
  registries: MemoryRegistry[];
}

let world: World;
function newWorld(): World {
  world = {
    store: createMemoryRegistryStore(),
    network: createMemoryNetwork(),
    apps: [],
    protocols: [],
    registries: [],
  };
  return world;
}

/** An application on the shared in-memory registry and network (one "process"). */
function app(options: Partial<ApplicationOptions> & { name: string }): Application {
  const registry = createMemoryRegistry(world.store);
  const protocol = createMemoryProtocol(world.network);
  world.registries.push(registry);
  world.protocols.push(protocol);
  const a = createApplication({
    registry: { address: "zookeeper://127.0.0.1:2181" },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    plugins: { registry, protocol },
    env: false,
    ...options,
  });
  world.apps.push(a);
  return a;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(world?.apps.map((a) => a.close({ timeoutMs: 100 })) ?? []);
});

describe("provider and consumer applications", () => {
  it("adds the protocol's provider parameters to the URL, under the service's own options", async () => {
    newWorld();
    const protocol = Object.assign(createMemoryProtocol(world.network), {
      providerParameters: { serialization: "hessian2", timeout: "1" },
    });
    const provider = app({
      name: "jd-sellergoods-service",
      services: [new BrandServiceImpl()],
      plugins: { registry: createMemoryRegistry(world.store), protocol },
    });
    await provider.start();
    expect(provider.exported[0]!.parameters).toMatchObject({
      serialization: "hessian2",
      timeout: "3000",
    });
  });

  it("exports, registers, references and calls through @Reference fields", async () => {
    newWorld();
    const provider = app({ name: "jd-sellergoods-service", services: [new BrandServiceImpl()] });
    await provider.start();
    expect(provider.exported).toHaveLength(1);
    const url = provider.exported[0]!;
    expect(url.path).toBe("com.jd.sellergoods.service.BrandService");
    expect(url.parameters).toMatchObject({
      application: "jd-sellergoods-service",
      version: "1.0.0",
      timeout: "3000",
      "add.timeout": "5000",
      methods: "add,findAll,findOne,whoAmI",
      side: "provider",
      anyhost: "false",
      dubbo: "2.0.2",
    });
    expect(url.port).toBeGreaterThan(0);
    expect(world.registries[0]!.registered).toEqual([url]);

    const controller = new BrandController();
    const consumer = app({ name: "jd-sellergoods-web", components: [controller] });
    await consumer.start();
    expect(await controller.brandService.findAll()).toEqual([{ id: 1, name: "Huawei" }]);
    expect(await controller.brandService.findOne(2)).toBeNull();
    await expect(controller.brandService.add({ id: 0, name: "" })).rejects.toMatchObject({
      code: Code.Biz,
      message: "[Biz] name must not be empty",
    });
    const consumers = [...world.store.urls].filter((u) => u.protocol === "consumer");
    expect(consumers).toHaveLength(1);
    expect(consumers[0]!.parameters).toMatchObject({
      category: "consumers",
      side: "consumer",
      application: "jd-sellergoods-web",
      version: "1.0.0",
    });
    const received = world.protocols[0]!.received;
    expect(received[0]).toMatchObject({
      serviceName: "com.jd.sellergoods.service.BrandService",
      version: "1.0.0",
      methodName: "findAll",
      parameterTypes: [],
      returnType: "java.util.List<com.jd.pojo.TbBrand>",
    });
  });

  it("applies timeout precedence: per call > consumer method > provider method > reference > provider > 1000", async () => {
    newWorld();
    await app({ name: "svc", services: [new BrandServiceImpl()] }).start();
    const consumer = app({ name: "web", consumer: { timeout: 800 } });
    const plain = consumer.reference(BrandService, { version: "1.0.0" });
    const tuned = consumer.reference(BrandService, {
      version: "1.0.0",
      timeout: 1500,
      methods: { findOne: { timeout: 250 } },
    });
    await consumer.start();
    await plain.findAll();
    await plain.add({ id: 1, name: "x" });
    await tuned.findAll();
    await tuned.findOne(1);
    await RpcContext.withAttachments({ timeout: 9000 }, () => tuned.findOne(1));
    const sent = world.protocols[0]!.received.map((r) => [r.methodName, r.attachments.timeout]);
    expect(sent).toEqual([
      ["findAll", "800"],
      ["add", "5000"],
      ["findAll", "1500"],
      ["findOne", "250"],
      ["findOne", "9000"],
    ]);

    newWorld();
    await app({ name: "svc", services: [new BrandServiceImpl()] }).start();
    const bare = app({ name: "web" });
    const proxy = bare.reference(BrandService, { version: "1.0.0" });
    await bare.start();
    await proxy.findAll();
    expect(world.protocols[0]!.received[0]!.attachments.timeout).toBe("3000");
  });

  it("fails over to the other provider when one dies", async () => {
    newWorld();
    const a = app({ name: "svc", services: [new BrandServiceImpl("a")] });
    const b = app({ name: "svc", services: [new BrandServiceImpl("b")] });
    await a.start();
    await b.start();
    const consumer = app({ name: "web", consumer: { loadbalance: "roundrobin" } });
    const proxy = consumer.reference(BrandService, { version: "1.0.0" });
    await consumer.start();
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(await proxy.whoAmI());
    expect(seen).toEqual(new Set(["a", "b"]));
    world.protocols[0]!.kill();
    const answers = await Promise.all(Array.from({ length: 20 }, () => proxy.whoAmI()));
    expect(new Set(answers)).toEqual(new Set(["b"]));
  });

  it("shuts a provider down gracefully: unregister, then protocol close, then wait for calls", async () => {
    newWorld();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    class SlowBrands extends BrandServiceImpl {
      override async findAll() {
        await gate;
        return super.findAll();
      }
    }
    const provider = app({
      name: "svc",
      services: [new SlowBrands()],
    });
    await provider.start();
    const consumer = app({ name: "web" });
    const proxy = consumer.reference(BrandService, { version: "1.0.0", timeout: 60_000 });
    await consumer.start();
    const order: string[] = [];
    const registry = world.registries[0]!;
    const protocol = world.protocols[0]!;
    const originalClose = protocol.close.bind(protocol);
    protocol.close = async (o) => {
      order.push(`protocol.close (registered: ${registry.registered.length})`);
      return originalClose(o);
    };
    const inFlight = proxy.findAll();
    await new Promise((r) => setImmediate(r));
    const closing = provider.close({ timeoutMs: 60_000 });
    await new Promise((r) => setImmediate(r));
    expect(registry.log.some((l) => l.startsWith("unregister dubbo://"))).toBe(true);
    expect(order).toEqual(["protocol.close (registered: 0)"]);
    release();
    expect(await inFlight).toEqual([{ id: 1, name: "Huawei" }]);
    await closing;
    expect(provider.state).toBe("closed");
    expect(registry.closed).toBe(true);
    await expect(proxy.findAll()).rejects.toMatchObject({ code: Code.NoInvoker });
  });

  it("fails start with NoInvoker when a checked reference has no provider", async () => {
    newWorld();
    const consumer = app({ name: "web", components: [new BrandController()] });
    await expect(consumer.start()).rejects.toMatchObject({
      code: Code.NoInvoker,
      message:
        "[NoInvoker] @Reference BrandController.brandService: no provider available for com.jd.sellergoods.service.BrandService:1.0.0 (version 1.0.0, no group, dubbo) in the registry zookeeper://127.0.0.1:2181 at start (check=true); it has no provider of this interface at all. Fix: start a provider first (registered in this registry), or set check: false (DUBBO_CONSUMER_CHECK=false) to start without one",
    });
    expect(consumer.state).toBe("closed");
    expect(world.registries[0]!.closed).toBe(true);
    expect([...world.store.urls]).toEqual([]);
  });

  it("starts without providers when check is false and uses them once they appear", async () => {
    newWorld();
    const consumer = app({ name: "web", consumer: { check: false } });
    const proxy = consumer.reference(BrandService, { version: "1.0.0" });
    await consumer.start();
    await expect(proxy.whoAmI()).rejects.toMatchObject({ code: Code.NoInvoker });
    await app({ name: "svc", services: [new BrandServiceImpl("late")] }).start();
    expect(await proxy.whoAmI()).toBe("late");
  });

  it("connects directly to url without a registry", async () => {
    newWorld();
    const provider = app({
      name: "svc",
      registry: false,
      services: [new BrandServiceImpl("direct")],
    });
    await provider.start();
    const address = provider.exported[0]!.address;
    const consumer = app({ name: "web", registry: false });
    const proxy = consumer.reference(BrandService, { version: "1.0.0", url: `dubbo://${address}` });
    await consumer.start();
    expect(await proxy.whoAmI()).toBe("direct");
    expect(world.registries.every((r) => r.log.length === 0)).toBe(true);
  });

  it("makes generic calls and echoes", async () => {
    newWorld();
    await app({ name: "svc", services: [new BrandServiceImpl()] }).start();
    const consumer = app({ name: "web" });
    const generic = consumer.generic({
      interface: "com.jd.sellergoods.service.BrandService",
      version: "1.0.0",
    });
    await consumer.start();
    expect(await generic.$invoke("findOne", ["java.lang.Long"], [1])).toEqual({
      class: "com.jd.pojo.TbBrand",
      id: 1,
      name: "Huawei",
    });
    expect(await generic.$echo("ping")).toBe("ping");
    await expect(generic.$invoke("nope", [], [])).rejects.toMatchObject({
      code: Code.MethodNotFound,
    });
  });

  it("protects a service with a token that registry consumers receive", async () => {
    newWorld();
    const provider = app({
      name: "svc",
      provider: { token: true },
      services: [new BrandServiceImpl()],
    });
    await provider.start();
    const token = provider.exported[0]!.getParameter("token");
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const consumer = app({ name: "web" });
    const viaRegistry = consumer.reference(BrandService, { version: "1.0.0" });
    const direct = consumer.reference(BrandService, {
      version: "1.0.0",
      url: `dubbo://${provider.exported[0]!.address}`,
      cluster: "failfast",
    });
    await consumer.start();
    expect(await viaRegistry.whoAmI()).toBe("p1");
    await expect(direct.whoAmI()).rejects.toMatchObject({ code: Code.Forbidden });
    expect(await direct.$echo(1)).toBe(1);
  });

  it("runs application and per-service filters in the documented order", async () => {
    newWorld();
    const log: string[] = [];
    const tag =
      (name: string): Filter =>
      (next) =>
      async (inv) => {
        log.push(`${name}:${inv.methodName}`);
        return next(inv);
      };
    await app({
      name: "svc",
      filters: { provider: [tag("provider-app")] },
      services: [{ implementation: new BrandServiceImpl(), filters: [tag("provider-service")] }],
    }).start();
    const consumer = app({ name: "web", filters: { consumer: [tag("consumer-app")] } });
    const proxy = consumer.reference(BrandService, {
      version: "1.0.0",
      filters: [tag("consumer-ref")],
    });
    await consumer.start();
    await proxy.whoAmI();
    expect(log).toEqual([
      "consumer-app:whoAmI",
      "consumer-ref:whoAmI",
      "provider-app:whoAmI",
      "provider-service:whoAmI",
    ]);
  });

  it("exports plain objects with a ServiceDefinition, without decorators", async () => {
    newWorld();
    const definition = {
      interface: "com.x.Calc",
      methods: [{ name: "add", parameterTypes: ["int", "int"], returnType: "int" }],
    };
    await app({
      name: "svc",
      services: [
        { implementation: { add: (a: number, b: number) => a + b }, contract: definition },
      ],
    }).start();
    const consumer = app({ name: "web" });
    const calc = consumer.reference<{ add(a: number, b: number): Promise<number> }>(definition);
    await consumer.start();
    expect(await calc.add(2, 3)).toBe(5);
  });

  it("delays an export by `delay` ms", async () => {
    vi.useFakeTimers();
    newWorld();
    @Service({ interface: "com.x.Late", delay: 5000 })
    class Late {
      @JavaMethod()
      ping(): string {
        return "pong";
      }
    }
    const provider = app({ name: "svc", services: [new Late()] });
    await provider.start();
    expect(provider.exported).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(provider.exported.map((u) => u.path)).toEqual(["com.x.Late"]);
  });

  it("scans folders for @Service classes", async () => {
    newWorld();
    const provider = app({
      name: "svc",
      scan: {
        paths: new URL("../test/fixtures/scan", import.meta.url).pathname,
        extensions: [".ts"],
      },
    });
    await provider.start();
    expect(provider.exported.map((u) => u.serviceKey).sort()).toEqual([
      "com.x.scan.Clock",
      "com.x.scan.Greeter:1.0.0",
    ]);
    const consumer = app({ name: "web" });
    const greeter = consumer.generic({ interface: "com.x.scan.Greeter", version: "1.0.0" });
    await consumer.start();
    expect(await greeter.$invoke("greet", ["java.lang.String"], ["scan"])).toBe("hello scan");
  });

  it("fills components injected after start and shares equivalent references", async () => {
    newWorld();
    await app({ name: "svc", services: [new BrandServiceImpl()] }).start();
    const consumer = app({ name: "web" });
    await consumer.start();
    const a = consumer.inject(new BrandController());
    const b = consumer.inject(new BrandController());
    expect(await a.brandService.whoAmI()).toBe("p1");
    expect(await b.brandService.whoAmI()).toBe("p1");
    const subscriptions = world.registries[1]!.log.filter((l) => l.startsWith("subscribe"));
    expect(subscriptions).toHaveLength(1);
  });
});

describe("application lifecycle errors", () => {
  it("rejects calls before start and after close", async () => {
    newWorld();
    const consumer = app({ name: "web", consumer: { check: false } });
    const proxy = consumer.reference(BrandService, { version: "1.0.0" });
    await expect(proxy.whoAmI()).rejects.toThrow(
      "the application is not started: await app.start() before calling com.jd.sellergoods.service.BrandService.whoAmI",
    );
    await consumer.start();
    await consumer.close();
    await expect(proxy.whoAmI()).rejects.toThrow(/the application is closed/);
    await expect(consumer.start()).rejects.toThrow(
      "start() can be called once; the application is closed",
    );
    expect(() => consumer.reference(BrandService)).toThrow(/the application is closed/);
  });

  it("reports configuration mistakes before any I/O", async () => {
    newWorld();
    const cases: [Partial<ApplicationOptions> & { name: string }, RegExp | string][] = [
      [
        { name: "svc", services: [new (class NotAService {})()] },
        "services[0]: an instance of NotAService has no @Service decorator; decorate its class or pass { implementation, interface, version }",
      ],
      [
        { name: "svc", services: [{ implementation: new BrandServiceImpl(), timeout: -1 }] },
        "services[0] (BrandServiceImpl): timeout must be a positive integer (milliseconds), got -1",
      ],
      [
        {
          name: "svc",
          services: [
            { implementation: new BrandServiceImpl(), methods: { findAl: { timeout: 1 } } },
          ],
        },
        'services[0] (BrandServiceImpl): methods.findAl: the contract of com.jd.sellergoods.service.BrandService has no method "findAl" (it has findAll, findOne, add, whoAmI)',
      ],
      [
        {
          name: "svc",
          services: [{ implementation: new BrandServiceImpl(), loadbalance: "rondom" }],
        },
        /services\[0\] \(BrandServiceImpl\): loadbalance must be one of random, roundrobin/,
      ],
      [
        {
          name: "svc",
          services: [
            {
              implementation: {},
              interface: "com.x.E",
              contract: {
                interface: "com.x.E",
                methods: [{ name: "m", parameterTypes: [], returnType: "void" }],
              },
            },
          ],
        },
        "services[0] (Object): Object does not implement com.x.E.m()",
      ],
      [
        { name: "svc", services: [{ implementation: new BrandServiceImpl(), bogus: 1 } as never] },
        /services\[0\] \(BrandServiceImpl\): unknown option "bogus"; known options:/,
      ],
      [
        { name: "web", components: [new BrandController()], registry: false },
        '@Reference BrandController.brandService: no way to find providers of com.jd.sellergoods.service.BrandService: configure a registry (registry.address or DUBBO_REGISTRY_ADDRESS) or give url: "dubbo://host:port"',
      ],
      [
        {
          name: "web",
          registry: false,
          components: [Object.assign(new BrandController(), {})],
          consumer: { retries: -2 },
        },
        "consumer.retries (createApplication options) must be an integer ≥ 0, got -2",
      ],
    ];
    for (const [options, message] of cases) {
      const a = app(options);
      await expect(a.start(), JSON.stringify(message)).rejects.toThrow(message);
      expect(world.registries.at(-1)!.started).toBe(false);
    }
  });

  it("requires plugins for what is configured and the protocol name to match", async () => {
    const base = { name: "svc", env: false as const, services: [new BrandServiceImpl()] };
    await expect(createApplication({ ...base, registry: false }).start()).rejects.toThrow(
      "no protocol plugin: pass plugins: { protocol: createDubboProtocol } (from @dubbo-ts/protocol) to createApplication",
    );
    await expect(
      createApplication({
        ...base,
        registry: { address: "zookeeper://127.0.0.1:2181" },
        plugins: { protocol: createMemoryProtocol() },
      }).start(),
    ).rejects.toThrow(
      "a registry is configured (zookeeper://127.0.0.1:2181) but there is no registry plugin: pass plugins: { registry: createZookeeperRegistry } (from @dubbo-ts/registry-zookeeper), or registry: false",
    );
    await expect(
      createApplication({
        ...base,
        registry: false,
        protocol: { name: "tri" },
        plugins: { protocol: createMemoryProtocol() },
      }).start(),
    ).rejects.toThrow('protocol.name is "tri" but the protocol plugin speaks "dubbo"');
  });

  it("passes configuration to plugin factories", async () => {
    const seen: Record<string, unknown>[] = [];
    const registry = createMemoryRegistry();
    const protocol = createMemoryProtocol();
    const a = createApplication({
      name: "svc",
      env: { DUBBO_REGISTRY_ADDRESS: "zookeeper://127.0.0.1:2999", DUBBO_PROTOCOL_PORT: "0" },
      registry: { address: "zookeeper://127.0.0.1:1", sessionTimeout: 4000 },
      protocol: { host: "127.0.0.1", payload: 1024 },
      services: [new BrandServiceImpl()],
      plugins: {
        registry: (o) => {
          seen.push({ ...o, logger: typeof o.logger });
          return registry;
        },
        protocol: (o) => {
          seen.push({ ...o, logger: typeof o.logger });
          return protocol;
        },
      },
    });
    await a.start();
    expect(seen).toEqual([
      { payload: 1024, host: "127.0.0.1", logger: "object" },
      {
        sessionTimeout: 4000,
        address: "zookeeper://127.0.0.1:2999",
        application: "svc",
        logger: "object",
      },
    ]);
    expect(a.config?.sources["protocol.port"]).toBe("DUBBO_PROTOCOL_PORT (environment)");
    await a.close();
    expect(protocol.closed).toBe(true);
    expect(registry.closed).toBe(true);
  });

  it("registers URLs Java consumers understand", async () => {
    newWorld();
    const provider = app({ name: "svc", services: [new BrandServiceImpl()] });
    await provider.start();
    const text = provider.exported[0]!.toFullString();
    const parsed = ServiceUrl.parse(ServiceUrl.decode(ServiceUrl.encode(text)));
    expect(parsed.toFullString()).toBe(text);
    expect(Object.keys(parsed.parameters)).toEqual(
      expect.arrayContaining([
        "interface",
        "methods",
        "side",
        "timestamp",
        "pid",
        "dubbo",
        "release",
      ]),
    );
  });
});

describe("signals", () => {
  it("closes on a signal, then calls `then`", async () => {
    newWorld();
    const provider = app({ name: "svc", services: [new BrandServiceImpl()] });
    await provider.start();
    const done = new Promise<void>((resolve) => provider.closeOnSignals(["SIGUSR2"], resolve));
    process.emit("SIGUSR2", "SIGUSR2");
    await done;
    expect(provider.state).toBe("closed");
    expect(process.listenerCount("SIGUSR2")).toBe(0);
  });
});
