/**
 * The IDL Greeter (packages/triple/test/fixtures/greet.proto) over Triple with Java Dubbo 3.3.6,
 * both ways through the shared ZooKeeper ensemble: Greet (unary) and GreetStream
 * (server-streaming). One Java provider JVM, one Java consumer run.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Application,
  createApplication,
  RpcError,
  type ServiceDefinition,
} from "@dubbo-ts/core";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol, idlContract, loadProto } from "@dubbo-ts/triple";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildJava } from "../java.js";
import {
  type JavaGreeterProvider,
  runJavaGreeterConsumer,
  startJavaGreeterProvider,
} from "../java-greeter.js";
import { registryAddress } from "../node/apps.js";
import { registeredUrls } from "./zookeeper.js";

const GREET_PROTO = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../packages/triple/test/fixtures/greet.proto",
);
const javaRoot = "interop-33greet-java";
const nodeRoot = "interop-33greet-node";

interface Greeter {
  greet(req: { name: string }): Promise<{ greeting: string }>;
  greetStream(req: { name: string; count: number }): Promise<AsyncIterable<{ greeting: string }>>;
}

function triApp(zk: string, root: string, name: string, extra = {}): Application {
  return createApplication({
    name,
    registry: { address: registryAddress(zk, root), cacheFile: false },
    protocol: { name: "tri", port: 0, host: "127.0.0.1" },
    plugins: { registry: createZookeeperRegistry, protocol: createTripleProtocol },
    shutdown: { timeout: 3000 },
    env: false,
    ...extra,
  });
}

describe("IDL Greeter over Triple with Java Dubbo 3.3.6", () => {
  let zk: string;
  let contract: ServiceDefinition;
  let javaProvider: JavaGreeterProvider;
  let nodeProvider: Application;
  let consumer: Application;
  let greeter: Greeter;

  beforeAll(async () => {
    zk = inject("zkConnect");
    buildJava();
    contract = idlContract((await loadProto(GREET_PROTO)).lookupService("greet.GreeterService"));
    nodeProvider = triApp(zk, nodeRoot, "interop-node-greeter", {
      services: [
        {
          contract,
          implementation: {
            async greet(req: { name: string }) {
              if (req.name === "bad") throw new Error("bad name");
              return { greeting: `hello ${req.name} from node` };
            },
            async *greetStream(req: { name: string; count: string }) {
              for (let i = 0; i < Number(req.count); i++) yield { greeting: `${req.name} #${i}` };
            },
            async greetClientStream() {
              return { greeting: "" };
            },
            async *greetBidi() {},
          },
        },
      ],
    });
    [javaProvider] = await Promise.all([
      startJavaGreeterProvider(registryAddress(zk, javaRoot)),
      nodeProvider.start(),
    ]);
    consumer = triApp(zk, javaRoot, "interop-node-greeter-consumer");
    greeter = consumer.reference<Greeter>(contract, { timeout: 5000, retries: 0 });
    await consumer.start();
  }, 900_000);

  afterAll(async () => {
    await consumer?.close();
    await Promise.allSettled([nodeProvider?.close(), javaProvider?.stop()]);
  }, 60_000);

  it("Node consumer → Java provider: Greet and GreetStream, found through ZooKeeper", async () => {
    // Java registers the generated interface, with the proto service as the path.
    const [url] = (
      await registeredUrls(zk, javaRoot, "com.jd.greet.GreeterService", "providers")
    ).filter((u) => u.port === javaProvider.port);
    expect(url?.protocol).toBe("tri");
    expect(url?.path).toBe("greet.GreeterService");
    expect(contract.interface).toBe("com.jd.greet.GreeterService");
    expect(await greeter.greet({ name: "node" })).toEqual({ greeting: "hello node from java" });
    const streamed: string[] = [];
    for await (const g of await greeter.greetStream({ name: "n", count: 3 }))
      streamed.push(g.greeting);
    expect(streamed).toEqual(["n #0", "n #1", "n #2"]);
    const error = await greeter.greet({ name: "bad" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).message).toContain("bad name");
  });

  it("Java consumer → Node provider: Greet and GreetStream, found through ZooKeeper", async () => {
    const run = await runJavaGreeterConsumer(registryAddress(zk, nodeRoot));
    expect(run.code, `${run.stdout}\n${run.stderr.slice(-3000)}`).toBe(0);
    expect(run.calls.get("greet")?.value).toBe("hello java from node");
    expect(run.calls.get("greetStream")?.value).toEqual(["stream #0", "stream #1", "stream #2"]);
    expect(String(run.calls.get("greet:bad")?.error)).toContain("bad name");
  }, 180_000);
});
