/**
 * The QoS extension inside an application (in-memory protocol, real QoS socket on 127.0.0.1):
 * configuration from code and environment, start-up without QoS when disabled or the port is
 * taken, `ls`/`offline` over the application's real state.
 */
import net from "node:net";
import { type Application, createApplication } from "@dubbo-ts/core/spi";
import {
  createMemoryNetwork,
  createMemoryProtocol,
  createMemoryRegistry,
  createMemoryRegistryStore,
} from "@dubbo-ts/core/testing";
import { httpGet } from "@dubbo-ts/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { qosExtension } from "../src/index.js";

const definition = {
  interface: "com.x.EchoService",
  methods: [{ name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" }],
};

let app: Application | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function start(options: { application?: Record<string, unknown>; env?: Record<string, string> }) {
  const qos = qosExtension({ host: "127.0.0.1" });
  app = createApplication({
    name: "qos-app",
    registry: { address: "zookeeper://127.0.0.1:2181" },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    services: [
      { implementation: { echo: async (s: string) => s }, contract: definition, version: "1.0.0" },
    ],
    plugins: {
      registry: createMemoryRegistry(createMemoryRegistryStore()),
      protocol: createMemoryProtocol(createMemoryNetwork()),
    },
    extensions: [qos],
    ...(options.application ? { application: options.application } : {}),
    env: options.env ?? false,
  });
  return { qos, started: app.start() };
}

describe("qosExtension in an application", () => {
  it("listens on DUBBO_APPLICATION_QOS_PORT over the code's qosPort, and serves the app's state", async () => {
    const { qos, started } = start({
      application: { qosPort: 1 },
      env: { DUBBO_APPLICATION_QOS_PORT: "0" },
    });
    await started;
    expect(qos.port).toBeGreaterThan(0);
    const ls = await httpGet(qos.port!, "/ls");
    expect(ls.body).toContain("|com.x.EchoService:1.0.0|zookeeper-I(Y)|");
    expect((await httpGet(qos.port!, "/offline")).body).toBe("OK");
    expect(app!.health().services[0]!.registered).toBe(false);
    expect((await httpGet(qos.port!, "/ready")).status).toBe(503);
    expect((await httpGet(qos.port!, "/online")).body).toBe("OK");
    expect((await httpGet(qos.port!, "/ready")).status).toBe(200);
    const invoked = await httpGet(
      qos.port!,
      `/invoke?m=${encodeURIComponent('EchoService.echo("hi")')}`,
    );
    expect(invoked.body).toMatch(
      /^Use default service EchoService\.\r\nresult: "hi"\r\nelapsed: \d+ ms\.$/,
    );
  });

  it("does not listen when qosEnable is false", async () => {
    const { qos, started } = start({ application: { qosEnable: false, qosPort: 0 } });
    await started;
    expect(qos.port).toBeUndefined();
  });

  it("starts the application without QoS when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    try {
      const taken = (blocker.address() as net.AddressInfo).port;
      const { qos, started } = start({ application: { qosPort: taken } });
      await started;
      expect(app!.state).toBe("started");
      expect(qos.port).toBeUndefined();
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it("rejects a bad anonymous level at start, naming the key", async () => {
    const { started } = start({
      application: { qosAnonymousAccessPermissionLevel: "ADMIN", qosPort: 0 },
    });
    await expect(started).rejects.toThrow(
      /application\.qosAnonymousAccessPermissionLevel.*"ADMIN"/,
    );
  });
});
