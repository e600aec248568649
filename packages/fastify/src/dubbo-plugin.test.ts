/**
 * Real Fastify instances (requests through `inject`, no socket) with Dubbo applications on a shared
 * in-memory registry and network (core's testing plugins). The real protocol and ZooKeeper run in
 * examples/sellergoods-web's end-to-end test, which uses this plugin.
 */
import { Code, RpcError, type ServiceDefinition } from "@dubbo-ts/core";
import {
  createMemoryNetwork,
  createMemoryProtocol,
  createMemoryRegistry,
  createMemoryRegistryStore,
} from "@dubbo-ts/core/testing";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { dubbo } from "./index.js";

const GREETER: ServiceDefinition = {
  interface: "com.example.fastify.Greeter",
  methods: [
    { name: "greet", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
  ],
};

interface Greeter {
  greet(name: string): Promise<string>;
}

declare module "fastify" {
  interface FastifyInstance {
    greeter: Greeter;
  }
}

const store = createMemoryRegistryStore();
const network = createMemoryNetwork();
const common = () => ({
  registry: { address: "zookeeper://127.0.0.1:2181" },
  protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
  plugins: {
    registry: () => createMemoryRegistry(store),
    protocol: () => createMemoryProtocol(network),
  },
  env: false as const,
});
const instances: FastifyInstance[] = [];

function fastify(): FastifyInstance {
  const instance = Fastify({ logger: false });
  instances.push(instance);
  return instance;
}

async function provider(): Promise<FastifyInstance> {
  const app = fastify();
  await app.register(dubbo, {
    name: "fastify-provider",
    ...common(),
    services: [
      {
        contract: GREETER,
        version: "1.0.0",
        implementation: { greet: async (n: string) => `hello ${n}` },
      },
    ],
  });
  await app.ready();
  return app;
}

async function consumer(): Promise<FastifyInstance> {
  const app = fastify();
  await app.register(dubbo, {
    name: "fastify-consumer",
    ...common(),
    references: { greeter: { contract: GREETER, version: "1.0.0", retries: 0 } },
  });
  app.get<{ Querystring: { name: string } }>("/greet", async (req) => ({
    text: await app.greeter.greet(req.query.name),
  }));
  await app.ready();
  return app;
}

afterEach(async () => {
  await Promise.all(instances.splice(0).map((i) => i.close()));
});

describe("the dubbo Fastify plugin", () => {
  it("starts with Fastify and decorates the instance with the application and typed references", async () => {
    const p = await provider();
    expect(p.dubbo.state).toBe("started");
    // Fastify owns the signals: core's own hook is off.
    expect(p.dubbo.config?.shutdown.hook).toBe(false);
    expect(p.dubbo.exported.map((u) => u.path)).toEqual(["com.example.fastify.Greeter"]);
    const c = await consumer();
    const res = await c.inject({ method: "GET", url: "/greet?name=fastify" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ text: "hello fastify" });
  });

  it("closes the Dubbo application gracefully in Fastify's onClose", async () => {
    const p = await provider();
    const c = await consumer();
    await expect(c.greeter.greet("before")).resolves.toBe("hello before");
    await p.close();
    expect(p.dubbo.state).toBe("closed");
    const err = await c.greeter.greet("after").then(
      () => undefined,
      (e: unknown) => RpcError.from(e),
    );
    expect(err?.code).toBe(Code.NoInvoker);
    await c.close();
    expect(c.dubbo.state).toBe("closed");
  });

  it("fails Fastify's ready() when the Dubbo application cannot start", async () => {
    const app = fastify();
    // Not awaited: awaiting register() would load the plugin (and fail) before ready().
    void app.register(dubbo, {
      name: "fastify-consumer-without-provider",
      ...common(),
      references: { greeter: { contract: GREETER, version: "9.9.9" } },
    });
    const err = await app.ready().then(
      () => undefined,
      (e: unknown) => RpcError.from(e),
    );
    expect(err?.code).toBe(Code.NoInvoker);
  });

  it("asks for a name when it has to create the application", async () => {
    const app = fastify();
    await expect(app.register(dubbo, { ...common() })).rejects.toThrow(
      "@dubbo-ts/fastify: give the Dubbo application a name",
    );
  });
});
