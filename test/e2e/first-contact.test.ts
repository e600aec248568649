import { randomUUID } from "node:crypto";
import net from "node:net";
import {
  type Application,
  type ApplicationOptions,
  Code,
  createApplication,
  RpcError,
  type ServiceDefinition,
} from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { TcpProxy, waitFor } from "@dubbo-ts/test-support";
import zookeeper from "node-zookeeper-client";
import { pino } from "pino";
import { afterEach, describe, expect, inject, it } from "vitest";

/**
 * The mistakes a new user makes (issue 14), each through a real ZooKeeper ensemble and the real
 * dubbo protocol: the message must name the real cause and the fix, with the right code.
 */
const zk = inject("zkConnect");
const zkPort = inject("zkClientPort");
const apps: Application[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close({ timeoutMs: 2000 })));
});

/** A pino logger whose lines the test reads. */
function recordingLogger() {
  const lines: { level: number; msg: string; [field: string]: unknown }[] = [];
  const logger = pino(
    { level: "info" },
    { write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) },
  );
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 40) };
}

function app(options: Partial<ApplicationOptions> & { name: string }): Application {
  const a = createApplication({
    registry: { address: `zookeeper://${zk}`, cacheFile: false },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    env: false,
    logger: pino({ level: "silent" }),
    ...options,
  });
  apps.push(a);
  return a;
}

const uniqueInterface = () =>
  `com.example.order.OrderService${randomUUID().replace(/-/g, "").slice(0, 8)}`;

/** What the provider serves: find(java.lang.Long) and create(java.lang.String). */
const providerContract = (iface: string): ServiceDefinition => ({
  interface: iface,
  methods: [
    { name: "find", parameterTypes: ["java.lang.Long"], returnType: "java.lang.String" },
    { name: "create", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
  ],
});

/** A consumer contract that drifted: `refund` was never deployed, `find` takes `long`. */
const driftedContract = (iface: string): ServiceDefinition => ({
  interface: iface,
  methods: [
    { name: "find", parameterTypes: ["long"], returnType: "java.lang.String" },
    { name: "create", parameterTypes: ["java.lang.Long"], returnType: "java.lang.String" },
    { name: "refund", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
  ],
});

async function startProviders(iface: string, count: number, version = "1.0.0") {
  const logs = [];
  const calls: string[] = [];
  for (let i = 0; i < count; i++) {
    const log = recordingLogger();
    logs.push(log);
    await app({
      name: `first-contact-provider-${i}`,
      logger: log.logger,
      services: [
        {
          implementation: {
            find: async (id: unknown) => {
              calls.push(`find ${String(id)}`);
              return `order ${String(id)}`;
            },
            create: async (name: string) => {
              calls.push(`create ${name}`);
              return name;
            },
          },
          contract: providerContract(iface),
          version,
        },
      ],
    }).start();
  }
  return { logs, calls };
}

describe("first contact: messages that name the real cause", () => {
  it("lists the versions, groups and protocols the registry has when none matches (check=true)", async () => {
    const iface = uniqueInterface();
    await startProviders(iface, 2, "2.0.0");
    const consumer = app({ name: "first-contact-consumer" });
    consumer.reference(providerContract(iface), { version: "1.0.0" });
    const error = (await consumer.start().catch((e: unknown) => e)) as RpcError;
    expect(error).toBeInstanceOf(RpcError);
    expect(error.code).toBe(Code.NoInvoker);
    expect(error.message).toMatch(
      new RegExp(
        `^\\[NoInvoker\\] reference\\(${iface}\\): no provider available for ${iface}:1\\.0\\.0 \\(version 1\\.0\\.0, no group, dubbo\\) in the registry zookeeper://${zk.replace(/\./g, "\\.")} at start \\(check=true\\); it has 2 providers: version 2\\.0\\.0, no group, dubbo \\(2: 127\\.0\\.0\\.1:\\d+, 127\\.0\\.0\\.1:\\d+\\)\\. Fix: ask for what is registered`,
      ),
    );
    expect(error.message).toContain("or set check: false (DUBBO_CONSUMER_CHECK=false)");
  });

  it("fails a method the providers do not list with MethodNotFound, before any call, naming methods=", async () => {
    const iface = uniqueInterface();
    const providers = await startProviders(iface, 2);
    const log = recordingLogger();
    const consumer = app({ name: "first-contact-consumer", logger: log.logger });
    const orders = consumer.reference<{ refund(id: string): Promise<string> }>(
      driftedContract(iface),
      { version: "1.0.0" },
    );
    await consumer.start();
    const error = (await orders.refund("r-1").catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(Code.MethodNotFound);
    expect(error.message).toMatch(
      new RegExp(
        `^\\[MethodNotFound\\] ${iface} has no method refund: the providers 127\\.0\\.0\\.1:\\d+, 127\\.0\\.0\\.1:\\d+ list methods=create,find\\. Check the method name`,
      ),
    );
    expect(providers.logs.flatMap((l) => l.warnings())).toEqual([]);
    expect(log.warnings()).toEqual([]);
  });

  it("fails a signature the provider does not have once, with MethodNotFound, and the provider logs it", async () => {
    const iface = uniqueInterface();
    const providers = await startProviders(iface, 2);
    const log = recordingLogger();
    const consumer = app({ name: "first-contact-consumer", logger: log.logger });
    const orders = consumer.reference<{ find(id: number): Promise<string> }>(
      driftedContract(iface),
      { version: "1.0.0" },
    );
    await consumer.start();
    const error = (await orders.find(7).catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(Code.MethodNotFound);
    expect(error.message).toContain(`Service not found:${iface}, find`);
    expect(error.message).toMatch(/the provider 127\.0\.0\.1:\d+ lists methods=create,find/);
    expect(log.lines.filter((l) => /call failed on/.test(l.msg))).toEqual([]);
    expect(providers.calls).toEqual([]);
    // 8b: exactly one provider saw it (no failover), and says who sent what and what it has.
    const refused = providers.logs.flatMap((l) => l.warnings());
    expect(refused).toHaveLength(1);
    expect(refused[0]!.msg).toMatch(
      new RegExp(
        `^dubbo: refused ${iface}\\.find\\(J\\) from 127\\.0\\.0\\.1:\\d+ \\(status 40\\): the service has find\\(Ljava/lang/Long;\\) \\(java\\.lang\\.Long\\)$`,
      ),
    );
    expect(refused[0]).toMatchObject({ service: iface, method: "find", descriptor: "J" });
  });

  it("fails an argument that does not fit its Java type once, blaming no provider", async () => {
    const iface = uniqueInterface();
    const providers = await startProviders(iface, 2);
    const log = recordingLogger();
    const consumer = app({ name: "first-contact-consumer", logger: log.logger });
    const orders = consumer.reference<{ create(id: unknown): Promise<string> }>(
      driftedContract(iface),
      { version: "1.0.0" },
    );
    await consumer.start();
    const error = (await orders.create("not a number").catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(Code.Serialization);
    expect(error.message).toBe(
      `[Serialization] cannot send ${iface}.create: argument 0 of create: expected a number or bigint for a Java long, got string`,
    );
    expect(log.warnings()).toEqual([]);
    expect(providers.calls).toEqual([]);
    expect(providers.logs.flatMap((l) => l.warnings())).toEqual([]);
  });

  it("names protocol.port and DUBBO_PROTOCOL_PORT when the port is taken, and leaves ZooKeeper clean", async () => {
    const iface = uniqueInterface();
    const first = app({
      name: "first-contact-port-holder",
      services: [{ implementation: orderService, contract: providerContract(iface) }],
    });
    await first.start();
    const port = first.exported[0]!.port;
    const second = app({
      name: "first-contact-port-taker",
      protocol: { name: "dubbo", port, host: "127.0.0.1" },
      services: [{ implementation: orderService, contract: providerContract(`${iface}X`) }],
    });
    const error = (await second.start().catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.code).toBe("EADDRINUSE");
    expect(error.message).toBe(
      `cannot listen on 127.0.0.1:${port} for dubbo services (EADDRINUSE): the port is in use by another process (another instance of this application?). The port comes from protocol.port (createApplication options): set another one with protocol.port or DUBBO_PROTOCOL_PORT (0 picks a free port), or stop the process that holds it`,
    );
    expect(second.state).toBe("closed");
    expect(await children(`/dubbo/${iface}X/providers`)).toEqual([]);
  });
});

describe("first contact: ZooKeeper unreachable", () => {
  it("a checked reference says the registry is not connected, for how long, and the last error", async () => {
    const dead = await freePort();
    const consumer = app({
      name: "first-contact-consumer",
      registry: {
        address: `zookeeper://127.0.0.1:${dead}`,
        cacheFile: false,
        connectTimeout: 1000,
      },
    });
    const iface = uniqueInterface();
    consumer.reference(providerContract(iface));
    const error = (await consumer.start().catch((e: unknown) => e)) as RpcError;
    expect(error).toBeInstanceOf(RpcError);
    expect(error.code).toBe(Code.Registry);
    expect(error.message).toMatch(
      new RegExp(
        `^\\[Registry\\] reference\\(${iface}\\): cannot look up the providers of ${iface} at start \\(check=true\\): the registry 127\\.0\\.0\\.1:${dead} is not connected \\(for \\d+\\.\\d s; last error: connect ECONNREFUSED 127\\.0\\.0\\.1:${dead}\\)\\. Fix: start the registry or correct registry\\.address \\(DUBBO_REGISTRY_ADDRESS\\), or set check: false`,
      ),
    );
    expect(consumer.state).toBe("closed");
  });

  it("with check: false, a call says the registry is not connected instead of 'no provider'", async () => {
    const dead = await freePort();
    const consumer = app({
      name: "first-contact-consumer",
      registry: { address: `zookeeper://127.0.0.1:${dead}`, cacheFile: false, connectTimeout: 500 },
      consumer: { check: false },
    });
    const iface = uniqueInterface();
    const orders = consumer.reference<{ find(id: number): Promise<string> }>(
      providerContract(iface),
    );
    await consumer.start();
    const error = (await orders.find(1).catch((e: unknown) => e)) as RpcError;
    expect(error.code).toBe(Code.NoInvoker);
    expect(error.message).toMatch(
      new RegExp(
        `^\\[NoInvoker\\] No provider available for the service ${iface} \\(method find\\) on the consumer [^:]+: the registry 127\\.0\\.0\\.1:${dead} is not connected \\(for \\d+\\.\\d s; last error: connect ECONNREFUSED 127\\.0\\.0\\.1:${dead}\\), so providers cannot be looked up; start the registry or fix registry\\.address$`,
      ),
    );
  });

  it("a provider starts, warns that registration is retried, reports not registered, and registers once ZooKeeper answers", async () => {
    const proxy = await TcpProxy.start(zkPort, "refuse");
    try {
      const iface = uniqueInterface();
      const log = recordingLogger();
      const provider = app({
        name: "first-contact-provider",
        registry: {
          address: `zookeeper://${proxy.address}`,
          cacheFile: false,
          connectTimeout: 1000,
        },
        logger: log.logger,
        services: [{ implementation: orderService, contract: providerContract(iface) }],
      });
      await provider.start();
      const warnings = log.warnings().map((w) => w.msg);
      expect(warnings[0]).toMatch(
        new RegExp(
          `^ZooKeeper ${proxy.address.replace(/\./g, "\\.")} is not reachable \\(not connected within 1000 ms.*\\): registrations are retried every 5000 ms and as soon as it answers`,
        ),
      );
      expect(warnings[1]).toMatch(
        new RegExp(
          `^${iface} is served on port \\d+ but not registered yet: the registry ${proxy.address.replace(/\./g, "\\.")} is not connected \\(for \\d+\\.\\d s.*\\); the registration is retried until the registry answers`,
        ),
      );
      expect(provider.state).toBe("started");
      expect(provider.health()).toMatchObject({
        state: "started",
        ready: false,
        registry: { connected: false, address: `zookeeper://${proxy.address}` },
        services: [{ serviceKey: iface, registrable: true, registered: false }],
      });
      proxy.open();
      await waitFor("the provider to register", () => provider.health().ready, 30_000);
      expect(provider.health()).toMatchObject({
        registry: { connected: true },
        services: [{ serviceKey: iface, registered: true }],
      });
      expect(await children(`/dubbo/${iface}/providers`)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});

/** A loopback port nobody listens on (bound, then closed). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const orderService = { find: async () => "", create: async () => "" };

/** The children of a ZooKeeper path read by an independent client ([] when it does not exist). */
async function children(path: string): Promise<string[]> {
  const client = zookeeper.createClient(zk, { sessionTimeout: 10_000 });
  try {
    await new Promise<void>((resolve) => {
      client.once("connected", () => resolve());
      client.connect();
    });
    return await new Promise<string[]>((resolve, reject) =>
      client.getChildren(path, (err, list) => {
        if (err && (err as { code?: number }).code === zookeeper.Exception.NO_NODE) resolve([]);
        else if (err) reject(err);
        else resolve(list);
      }),
    );
  } finally {
    client.close();
  }
}
