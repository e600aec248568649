/**
 * The commands that act on one side of the registration or on the logger (in-memory registry and
 * protocol, a recording service discovery, a real QoS socket on 127.0.0.1): `offlineInterface`,
 * `offlineApp`, their `online*` pairs and `gracefulShutdown` against what the registry and the
 * application instance hold; `loggerInfo`/`switchLogLevel` against what the logger writes.
 */
import { type Application, createApplication, type ServiceDiscovery } from "@dubbo-ts/core/spi";
import {
  createMemoryNetwork,
  createMemoryProtocol,
  createMemoryRegistry,
  createMemoryRegistryStore,
} from "@dubbo-ts/core/testing";
import { httpGet } from "@dubbo-ts/test-support";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { qosExtension } from "../src/index.js";

const echo = (name: string) => ({
  interface: `com.x.${name}`,
  methods: [{ name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" }],
});

/** What application-level discovery wrote: the instance (undefined once unregistered) and its services. */
function recordingDiscovery() {
  const state = { instance: undefined as unknown, services: [] as string[] };
  const none = async () => () => {};
  const discovery: ServiceDiscovery = {
    registerInstance: async (instance) => {
      state.instance = instance;
    },
    unregisterInstance: async () => {
      state.instance = undefined;
    },
    map: async () => {},
    watchMapping: none,
    watchInstances: none,
    publishMetadata: async (info) => {
      state.services = Object.values(info.services)
        .map((s) => s.name)
        .sort();
    },
    publishServiceDefinition: async () => {},
    getMetadata: async () => undefined,
    watchMigrationRule: none,
  };
  return { state, discovery };
}

let app: Application | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start() {
  const store = createMemoryRegistryStore();
  const { state, discovery } = recordingDiscovery();
  const lines: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
  const qos = qosExtension({ host: "127.0.0.1" });
  app = createApplication({
    name: "qos-app",
    registry: { address: "zookeeper://127.0.0.1:2181" },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    application: { qosPort: 0, registerMode: "all", metadataType: "remote" },
    services: ["EchoService", "OtherService"].map((name) => ({
      implementation: { echo: async (s: string) => s },
      contract: echo(name),
      version: "1.0.0",
    })),
    plugins: {
      registry: Object.assign(createMemoryRegistry(store), { serviceDiscovery: discovery }),
      protocol: createMemoryProtocol(createMemoryNetwork()),
    },
    extensions: [qos],
    logger,
    env: false,
  });
  await app.start();
  const interfaces = () =>
    [...store.urls]
      .filter((u) => u.protocol === "dubbo")
      .map((u) => u.path)
      .sort();
  const run = async (path: string) => (await httpGet(qos.port!, path)).body;
  return { state, interfaces, lines, run };
}

const BOTH = ["com.x.EchoService", "com.x.OtherService"];

describe("interface- and application-level offline/online", () => {
  it("offlineInterface/onlineInterface touch only the providers nodes", async () => {
    const { state, interfaces, run } = await start();
    expect(interfaces()).toEqual(BOTH);
    expect(state.services).toEqual(BOTH);
    expect(await run("/offlineInterface/com.x.EchoService")).toBe("OK");
    expect(interfaces()).toEqual(["com.x.OtherService"]);
    expect(state.services).toEqual(BOTH);
    expect(state.instance).toBeDefined();
    expect(await run("/offlineInterface/com.x.Nothing")).toBe("service not found");
    expect(await run("/onlineInterface")).toBe("OK");
    expect(interfaces()).toEqual(BOTH);
    expect(state.services).toEqual(BOTH);
  });

  it("offlineApp/onlineApp touch only the instance's MetadataInfo", async () => {
    const { state, interfaces, run } = await start();
    expect(await run("/offlineApp/com.x.EchoService:1.0.0")).toBe("OK");
    expect(state.services).toEqual(["com.x.OtherService"]);
    expect(interfaces()).toEqual(BOTH);
    expect(app!.health().services.every((s) => s.registered)).toBe(true);
    expect(await run("/offlineApp")).toBe("OK");
    expect(state.instance).toBeUndefined();
    expect(interfaces()).toEqual(BOTH);
    expect(await run("/onlineApp/com.x.Nothing")).toBe("service not found");
    expect(await run("/onlineApp")).toBe("OK");
    expect(state.instance).toBeDefined();
    expect(state.services).toEqual(BOTH);
    expect(interfaces()).toEqual(BOTH);
  });

  it("offline/online still do both; gracefulShutdown offlines everything and keeps running", async () => {
    const { state, interfaces, run } = await start();
    expect(await run("/offline/com.x.OtherService")).toBe("OK");
    expect(interfaces()).toEqual(["com.x.EchoService"]);
    expect(state.services).toEqual(["com.x.EchoService"]);
    expect(await run("/online")).toBe("OK");
    expect(interfaces()).toEqual(BOTH);
    expect(state.services).toEqual(BOTH);
    expect(await run("/gracefulShutdown")).toBe("OK");
    expect(interfaces()).toEqual([]);
    expect(state.instance).toBeUndefined();
    expect(app!.state).toBe("started");
    expect(await run("/ready")).not.toBe("true");
    expect(await run("/online")).toBe("OK");
    expect(interfaces()).toEqual(BOTH);
    expect(state.services).toEqual(BOTH);
  });
});

describe("loggerInfo and switchLogLevel", () => {
  it("report and switch the application's pino level, children included", async () => {
    const { lines, run } = await start();
    expect(await run("/loggerInfo")).toBe(
      "Available logger adapters: [pino]. Current Adapter: [pino]. Log level: WARN",
    );
    await run("/offlineInterface/com.x.EchoService");
    expect(lines.some((l) => l.includes("offline: "))).toBe(false);
    expect(await run("/switchLogLevel/info")).toBe("OK");
    expect(await run("/loggerInfo")).toMatch(/Log level: INFO$/);
    await run("/onlineInterface/com.x.EchoService");
    expect(lines.some((l) => l.includes('"msg":"online: '))).toBe(true);
    expect(await run("/switchLogLevel/6")).toBe("OK");
    expect(await run("/loggerInfo")).toMatch(/Log level: OFF$/);
    expect(await run("/switchLogLevel/All")).toBe("OK");
    expect(await run("/loggerInfo")).toMatch(/Log level: TRACE$/);
    expect(await run("/switchLogLevel/verbose")).toBe(
      'Unknown log level "verbose": use one of ALL, TRACE, DEBUG, INFO, WARN, ERROR, OFF (any case) or 0-6.',
    );
    expect(await run("/switchLogLevel")).toBe("Unexpected argument length.");
  });

  it("help lists the new commands in Java's order", async () => {
    const { run } = await start();
    const help = await run("/help");
    const names = [
      "online",
      "onlineApp",
      "onlineInterface",
      "offline",
      "offlineApp",
      "offlineInterface",
      "loggerInfo",
      "switchLogLevel",
      "gracefulShutdown",
    ];
    const at = names.map((n) => help.search(new RegExp(`\\|\\s*${n}\\s*\\|`)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(await run("/help/offlineApp")).toContain("offlineApp xx.xx.xxx.service");
  });
});
