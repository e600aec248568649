/**
 * Application-level discovery over Triple with Java Dubbo 3.3: tri-only providers with
 * register-mode=instance (so the only way to find them is the application instance and its
 * MetadataService), each side consuming the other with migration step FORCE_APPLICATION. A Java
 * tri provider serves its MetadataInfo through MetadataServiceV2 (protobuf over tri, version
 * 2.0.0); a Node tri provider does the same and writes the instance metadata Java writes.
 */
import { type Application, createApplication } from "@dubbo-ts/core";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  buildJava,
  type JavaDiscoveryResult,
  type JavaProvider,
  runJavaDiscoveryConsumers,
  startJavaProvider,
} from "../java.js";
import { registryAddress } from "../node/apps.js";
import { INTEROP_VERSION, TypeMatrixService } from "../node/contract.js";
import { TypeMatrixServiceImpl } from "../node/services.js";
import { children, withZookeeper } from "./zookeeper.js";

const javaRoot = "tri-discovery-java";
const nodeRoot = "tri-discovery-node";
const javaApp = "tri-discovery-java-provider";
const nodeApp = "tri-discovery-node-provider";

let zk: string;
let javaProvider: JavaProvider;
let nodeProvider: Application;
let javaCell: JavaDiscoveryResult | undefined;
let javaStderr = "";

/** A tri-only dubbo-ts application on loopback with the given discovery settings. */
function triApp(
  root: string,
  name: string,
  application: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Application {
  return createApplication({
    name,
    registry: { address: registryAddress(zk, root), cacheFile: false },
    protocol: { name: "tri", port: 0, host: "127.0.0.1", longs: "bigint" },
    plugins: { registry: createZookeeperRegistry, protocol: createTripleProtocol },
    application,
    shutdown: { timeout: 3000 },
    env: false,
    ...extra,
  });
}

/** The metadata of the one instance node under `/<root>/<app>`. */
async function instanceMetadata(root: string, app: string): Promise<Record<string, string>> {
  return withZookeeper(zk, async (c) => {
    const [child] = await children(c, `/${root}/${app}`);
    const data = await new Promise<Buffer | undefined>((res, rej) =>
      c.getData(`/${root}/${app}/${child}`, (e, b) => (e ? rej(e) : res(b ?? undefined))),
    );
    const node = JSON.parse(data?.toString("utf8") ?? "{}") as {
      payload: { metadata: Record<string, string> };
    };
    return node.payload.metadata;
  });
}

beforeAll(async () => {
  zk = inject("zkConnect");
  buildJava();
  nodeProvider = triApp(
    nodeRoot,
    nodeApp,
    { registerMode: "instance" },
    { services: [new TypeMatrixServiceImpl("tri-instance")] },
  );
  [javaProvider] = await Promise.all([
    startJavaProvider({
      version: "3.3",
      registry: registryAddress(zk, javaRoot),
      application: javaApp,
      services: ["matrix"],
      shutdownWaitMs: 2000,
      jvmOptions: [
        "-Dinterop.protocol=tri",
        "-Ddubbo.application.register-mode=instance",
        // MetadataServiceV2 only: a consumer that cannot speak it cannot find this provider.
        "-Ddubbo.application.only-use-metadata-v2=true",
      ],
    }),
    nodeProvider.start(),
  ]);
  const java = await runJavaDiscoveryConsumers([
    {
      name: "tri-force-application",
      registry: registryAddress(zk, nodeRoot),
      step: "FORCE_APPLICATION",
      waitMs: 40_000,
    },
  ]);
  javaCell = java.results.get("tri-force-application");
  javaStderr = java.stderr;
}, 900_000);

afterAll(async () => {
  await Promise.allSettled([nodeProvider?.close(), javaProvider?.stop()]);
}, 60_000);

describe("application-level discovery over tri with Java 3.3.6", () => {
  it("a Node consumer finds a tri-only Java provider through its instance (MetadataServiceV2)", async () => {
    const lines: string[] = [];
    const consumer = triApp(
      javaRoot,
      "tri-discovery-node-consumer",
      { serviceDiscoveryMigration: "FORCE_APPLICATION" },
      { logger: pino({ level: "info" }, { write: (line: string) => lines.push(line) }) },
    );
    const matrix = consumer.reference(TypeMatrixService, {
      version: INTEROP_VERSION,
      retries: 0,
      timeout: 5000,
      check: true,
    });
    try {
      await consumer.start();
      expect(await matrix.whoAmI()).toBe("java/3.3.6");
      expect(await matrix.echoString("über tri ✓")).toBe("über tri ✓");
      const appLevel = lines.some(
        (l) => l.includes('"discovery":"application"') && /providers of [^"]*: [1-9]/.test(l),
      );
      expect(appLevel, lines.join("").slice(-3000)).toBe(true);
    } finally {
      await consumer.close();
    }
  });

  it("a Java consumer finds a tri-only Node provider through its instance", () => {
    expect(javaCell, javaStderr.slice(-3000)).toBeDefined();
    expect(javaCell!.error, javaStderr.slice(-3000)).toBeNull();
    expect(javaCell!.answer).toBe("node/tri-instance");
  });

  it("the Node instance points at MetadataServiceV2 on tri as the Java one does", async () => {
    const java = await instanceMetadata(javaRoot, javaApp);
    const node = await instanceMetadata(nodeRoot, nodeApp);
    expect(Object.keys(node).sort()).toEqual(Object.keys(java).sort());
    const params = (m: Record<string, string>) =>
      JSON.parse(m["dubbo.metadata-service.url-params"] ?? "{}") as Record<string, string>;
    expect(params(java)).toMatchObject({ protocol: "tri", version: "2.0.0" });
    expect(params(node)).toMatchObject({ protocol: "tri", version: "2.0.0" });
    expect(Object.keys(params(node)).sort()).toEqual(Object.keys(params(java)).sort());
    expect(node["meta-v"]).toBe(java["meta-v"]);
    expect(JSON.parse(node["dubbo.endpoints"] ?? "[]")).toEqual([
      { port: Number(params(node).port), protocol: "tri" },
    ]);
  });
});
