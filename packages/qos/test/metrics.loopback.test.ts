/**
 * The metrics filters around a real application (memory protocol, no sockets) and the text they
 * expose, parsed by a real Prometheus text parser.
 */
import { Code, createApplication, createInvocation, RpcError } from "@dubbo-ts/core/spi";
import { parsePrometheus } from "@dubbo-ts/test-support";
import { describe, expect, it } from "vitest";
import { createDubboMetrics } from "../src/index.js";

const inv = (method: string) =>
  createInvocation({
    serviceName: "com.x.EchoService",
    version: "1.0.0",
    group: "g1",
    methodName: method,
    parameterTypes: [],
    args: [],
  });

describe("Java Dubbo 3 metric names and labels", () => {
  it("counts requests, successes and failures by reason, and response times", async () => {
    const metrics = createDubboMetrics({ processMetrics: false });
    metrics.setApplication({ name: "demo-app", ip: "10.0.0.9", version: "1.2.3" });
    const ok = metrics.providerFilter(async () => ({ value: 1, attachments: {} }));
    const biz = metrics.providerFilter(async () => ({
      exception: new RpcError(Code.Biz, "no such brand"),
      attachments: {},
    }));
    const timeout = metrics.consumerFilter(() => Promise.reject(new RpcError(Code.Timeout, "t")));
    const limited = metrics.consumerFilter(() =>
      Promise.reject(new RpcError(Code.LimitExceeded, "l")),
    );
    const none = metrics.consumerFilter(() => Promise.reject(new RpcError(Code.NoInvoker, "n")));
    for (let i = 0; i < 7; i++) await ok(inv("echo"));
    for (let i = 0; i < 2; i++) await biz(inv("find"));
    await expect(timeout(inv("echo"))).rejects.toThrow();
    await expect(limited(inv("echo"))).rejects.toThrow();
    await expect(none(inv("echo"))).rejects.toThrow();

    const p = parsePrometheus(await metrics.text());
    const echo = {
      application_name: "demo-app",
      interface: "com.x.EchoService",
      method: "echo",
      group: "g1",
      version: "1.0.0",
      ip: "10.0.0.9",
    };
    expect(p.type("dubbo_provider_requests_total")).toBe("COUNTER");
    expect(p.value("dubbo_provider_requests_total", echo)).toBe(7);
    expect(p.value("dubbo_provider_requests_succeed_total", echo)).toBe(7);
    expect(p.value("dubbo_provider_requests_failed_total", echo)).toBe(0);
    expect(p.value("dubbo_provider_requests_processing_total", echo)).toBe(0);
    const find = { ...echo, method: "find" };
    expect(p.value("dubbo_provider_requests_total", find)).toBe(2);
    expect(p.value("dubbo_provider_requests_business_failed_total", find)).toBe(2);
    expect(p.value("dubbo_provider_requests_failed_total", find)).toBe(2);
    expect(p.value("dubbo_consumer_requests_total", echo)).toBe(3);
    expect(p.value("dubbo_consumer_requests_timeout_total", echo)).toBe(1);
    expect(p.value("dubbo_consumer_requests_limit_total", echo)).toBe(1);
    expect(p.value("dubbo_consumer_requests_failed_service_unavailable_total", echo)).toBe(1);
    expect(p.value("dubbo_consumer_requests_failed_total", echo)).toBe(3);
    expect(p.value("dubbo_consumer_requests_succeed_total", echo)).toBe(0);
    for (const q of ["min", "max", "avg", "sum", "p50", "p90", "p95", "p99", "last"]) {
      expect(p.value(`dubbo_provider_rt_milliseconds_${q}`, echo)).toBeGreaterThanOrEqual(0);
    }
    expect(
      p.value("dubbo_application_info_total", {
        application_name: "demo-app",
        application_version: "1.2.3",
      }),
    ).toBe(1);
    expect(
      p.families.find((f) => f.name === "dubbo_provider_requests_total")!.metrics[0]!.labels,
    ).toHaveProperty("hostname");
  });

  it("shows a call in processing while it runs", async () => {
    const metrics = createDubboMetrics({ processMetrics: false });
    let release!: () => void;
    const slow = metrics.providerFilter(
      () => new Promise((r) => (release = () => r({ value: 1, attachments: {} }))),
    );
    const call = slow(inv("slow"));
    const during = parsePrometheus(await metrics.text());
    expect(during.value("dubbo_provider_requests_processing_total", { method: "slow" })).toBe(1);
    release();
    await call;
    const after = parsePrometheus(await metrics.text());
    expect(after.value("dubbo_provider_requests_processing_total", { method: "slow" })).toBe(0);
    expect(after.value("dubbo_provider_requests_succeed_total", { method: "slow" })).toBe(1);
  });

  it("computes percentiles of the recent response times", async () => {
    const metrics = createDubboMetrics({ processMetrics: false });
    const s = await (async () => {
      const f = metrics.providerFilter(async () => ({ value: 1, attachments: {} }));
      await f(inv("m"));
      return metrics.stats("provider")[0]!;
    })();
    // Replace the measured time with known ones: 1..100 ms.
    const fresh = new (s.constructor as new (l: Record<string, string>) => typeof s)({});
    for (let i = 1; i <= 100; i++) {
      fresh.begin();
      fresh.end("succeed", i);
    }
    expect(fresh.quantiles([0.5, 0.9, 0.95, 0.99])).toEqual([50, 90, 95, 99]);
    expect([fresh.rtMin, fresh.rtMax, fresh.rtSum]).toEqual([1, 100, 5050]);
  });
});

describe("metrics in an application", () => {
  it("are exposed by the metrics extension for every service without touching the services", async () => {
    const { metricsExtension } = await import("../src/index.js");
    const { createMemoryProtocol } = await import("@dubbo-ts/core/testing");
    const metrics = metricsExtension({ processMetrics: false });
    const protocol = createMemoryProtocol();
    const app = createApplication({
      name: "metrics-app",
      registry: false,
      protocol: { name: protocol.name, port: 1, host: "127.0.0.1" },
      services: [
        {
          implementation: { echo: async (s: string) => s },
          interface: "com.x.EchoService",
          contract: {
            interface: "com.x.EchoService",
            methods: [
              {
                name: "echo",
                parameterTypes: ["java.lang.String"],
                returnType: "java.lang.String",
              },
            ],
          },
          version: "1.0.0",
        },
      ],
      plugins: { protocol },
      extensions: [metrics],
      env: false,
    });
    await app.start();
    try {
      const echo = app.reference<{ echo(s: string): Promise<string> }>({
        interface: "com.x.EchoService",
        contract: {
          interface: "com.x.EchoService",
          methods: [
            { name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
          ],
        },
        version: "1.0.0",
        url: "memory://127.0.0.1:1",
      });
      for (let i = 0; i < 5; i++) expect(await echo.echo(`x${i}`)).toBe(`x${i}`);
      const p = parsePrometheus(await metrics.metrics.text());
      expect(
        p.value("dubbo_provider_requests_total", {
          application_name: "metrics-app",
          method: "echo",
          version: "1.0.0",
        }),
      ).toBe(5);
      expect(
        p.value("dubbo_consumer_requests_succeed_total", {
          application_name: "metrics-app",
          method: "echo",
        }),
      ).toBe(5);
    } finally {
      await app.close();
    }
  });

  it("serves /metrics on its own port and reports the providers a reference knows", async () => {
    const { metricsExtension } = await import("../src/index.js");
    const {
      createMemoryNetwork,
      createMemoryProtocol,
      createMemoryRegistry,
      createMemoryRegistryStore,
    } = await import("@dubbo-ts/core/testing");
    const store = createMemoryRegistryStore();
    const network = createMemoryNetwork();
    const definition = {
      interface: "com.x.EchoService",
      methods: [
        { name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
      ],
    };
    const common = {
      registry: { address: "zookeeper://127.0.0.1:2181" },
      protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
      env: false as const,
    };
    const provider = createApplication({
      ...common,
      name: "p",
      services: [{ implementation: { echo: async (s: string) => s }, contract: definition }],
      plugins: { registry: createMemoryRegistry(store), protocol: createMemoryProtocol(network) },
    });
    const metrics = metricsExtension({ processMetrics: false, port: 0, host: "127.0.0.1" });
    const consumer = createApplication({
      ...common,
      name: "c",
      plugins: { registry: createMemoryRegistry(store), protocol: createMemoryProtocol(network) },
      extensions: [metrics],
    });
    consumer.reference(definition, {});
    await provider.start();
    await consumer.start();
    try {
      const res = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
      expect(res.status).toBe(200);
      const p = parsePrometheus(await res.text());
      expect(
        p.value("dubbo_registry_directory_num_valid_total", {
          application_name: "c",
          interface: "com.x.EchoService",
        }),
      ).toBe(1);
      // The consumer registered its URL once and subscribed once; the registry notified it.
      const app = { application_name: "c" };
      expect(p.value("dubbo_registry_register_requests_total", app)).toBe(1);
      expect(p.value("dubbo_registry_register_requests_succeed_total", app)).toBe(1);
      expect(p.value("dubbo_registry_register_requests_failed_total", app)).toBe(0);
      expect(p.value("dubbo_registry_subscribe_num_total", app)).toBe(1);
      expect(p.value("dubbo_registry_subscribe_num_succeed_total", app)).toBe(1);
      expect(p.value("dubbo_registry_notify_requests_total", app)).toBeGreaterThanOrEqual(1);
      expect(consumer.health().registry).toMatchObject({ connected: true });
      expect((await fetch(`http://127.0.0.1:${metrics.port}/other`)).status).toBe(404);
    } finally {
      await consumer.close();
      await provider.close();
    }
    expect(metrics.port).toBeUndefined();
    // Closing unsubscribed through the wrapper with the listener the registry knew.
    expect(store.subscriptions.size).toBe(0);
  });

  it("pushes to a Pushgateway as Java's reporter does (POST /metrics/job/default_dubbo_job)", async () => {
    const { metricsExtension } = await import("../src/index.js");
    const { createServer } = await import("node:http");
    const received: { method: string; url: string; body: string }[] = [];
    const gateway = createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => {
        body += d.toString();
      });
      req.on("end", () => {
        received.push({ method: req.method ?? "", url: req.url ?? "", body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", () => r()));
    const { port } = gateway.address() as import("node:net").AddressInfo;
    const metrics = metricsExtension({
      processMetrics: false,
      pushgateway: { baseUrl: `http://127.0.0.1:${port}`, intervalSeconds: 0.05 },
    });
    const app = createApplication({
      name: "pushing-app",
      registry: false,
      protocol: { name: "dubbo", port: 1, host: "127.0.0.1" },
      extensions: [metrics],
      env: false,
    });
    await app.start();
    try {
      const end = Date.now() + 20_000;
      while (received.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(received[0]).toMatchObject({ method: "POST", url: "/metrics/job/default_dubbo_job" });
      expect(
        parsePrometheus(received[0]!.body).value("dubbo_application_info_total", {
          application_name: "pushing-app",
        }),
      ).toBe(1);
    } finally {
      await app.close();
      await new Promise<void>((r) => gateway.close(() => r()));
    }
    expect(() => metricsExtension({ pushgateway: { baseUrl: "not a url" } })).toThrow(TypeError);
  });
});
