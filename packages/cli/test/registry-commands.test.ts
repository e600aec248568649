/**
 * `dubbo-ts ls / describe / invoke / ping` against the test ZooKeeper ensemble and a real provider
 * (a dubbo-ts application exporting over dubbo:// on a free port and registering in ZooKeeper,
 * under its own registry root so that other tests' nodes do not show).
 */
import { type Application, createApplication, JavaInterface, Service } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runCliCaptured } from "../src/cli.js";

const REGISTRY = `zookeeper://${inject("zkConnect")}?group=cli-${process.pid}`;
const GREETER = "com.acme.cli.Greeter";

@JavaInterface<Greeter>(GREETER, {
  greet: { params: ["java.lang.String"], returns: "java.lang.String" },
  add: { params: ["int", "long"], returns: "long" },
  fail: { params: ["java.lang.String"], returns: "void" },
})
abstract class Greeter {
  abstract greet(name: string): Promise<string>;
  abstract add(a: number, b: number): Promise<number>;
  abstract fail(message: string): Promise<void>;
}

@Service({ contract: Greeter, version: "1.0.0" })
class GreeterImpl extends Greeter {
  override async greet(name: string) {
    return `hello ${name}`;
  }
  override async add(a: number, b: number) {
    return a + b;
  }
  override async fail(message: string): Promise<void> {
    throw Object.assign(new Error(message), { javaClass: "java.lang.IllegalStateException" });
  }
}

function cli(...args: string[]) {
  return runCliCaptured(args);
}

describe("dubbo-ts registry commands", () => {
  let provider: Application;
  let address: string;

  beforeAll(async () => {
    provider = createApplication({
      name: "cli-test-provider",
      registry: { address: REGISTRY },
      protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
      services: [new GreeterImpl()],
      plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    });
    await provider.start();
    const ls = await cli("ls", "--registry", REGISTRY, "--json");
    const providers = JSON.parse(ls.out).services[0].providers as string[];
    address = /^dubbo:\/\/([^/]+)\//.exec(providers[0]!)![1]!;
  });

  afterAll(async () => {
    await provider?.close();
  });

  it("ls lists the service with its provider, decoded", async () => {
    const r = await cli("ls", "--registry", REGISTRY);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`1 services under /cli-${process.pid}`);
    expect(r.out).toContain(GREETER);
    expect(r.out).toMatch(
      /providers \(1\)\n {4}dubbo:\/\/127\.0\.0\.1:\d+ {2}version=1\.0\.0 {2}application=cli-test-provider {2}side=provider/,
    );
    const json = JSON.parse((await cli("ls", "--registry", REGISTRY, "--json")).out);
    expect(json.services.map((s: { interface: string }) => s.interface)).toEqual([GREETER]);
  });

  it("describe shows versions, methods and providers; exit 1 for an unknown service", async () => {
    const r = await cli("describe", GREETER, "--registry", REGISTRY, "--json");
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d).toMatchObject({
      interface: GREETER,
      versions: ["1.0.0"],
      methods: ["add", "fail", "greet"],
    });
    expect(d.providers).toHaveLength(1);
    const missing = await cli("describe", "com.acme.cli.Missing", "--registry", REGISTRY);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no provider of com.acme.cli.Missing");
  });

  it("invoke calls through the registry or a direct URL and prints JSON", async () => {
    const r = await cli(
      "invoke",
      `${GREETER}.greet`,
      '["世界"]',
      "--types",
      "java.lang.String",
      "--version",
      "1.0.0",
      "--registry",
      REGISTRY,
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toBe("hello 世界");
    const direct = await cli(
      "invoke",
      `${GREETER}.add`,
      "[2, 40]",
      "--types",
      "int,long",
      "--version",
      "1.0.0",
      "--url",
      `dubbo://${address}`,
    );
    expect(JSON.parse(direct.out)).toBe(42);
  });

  it("invoke exits 1 with the Java exception of a failed call, 2 on a wrong command line", async () => {
    const failed = await cli(
      "invoke",
      `${GREETER}.fail`,
      '"boom"',
      "--types",
      "java.lang.String",
      "--version",
      "1.0.0",
      "--url",
      `dubbo://${address}`,
    );
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("java.lang.IllegalStateException");
    expect(failed.err).toContain("boom");
    const noTypes = await cli("invoke", `${GREETER}.greet`, '["x"]', "--registry", REGISTRY);
    expect(noTypes.code).toBe(2);
    expect(noTypes.err).toContain("1 argument(s) but 0 type(s) in --types");
  });

  it("ping echoes every provider; exit 1 when none answers", async () => {
    const r = await cli("ping", GREETER, "--registry", REGISTRY, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({ provider: `dubbo://${address}`, ok: true }),
    ]);
    const down = await cli("ping", GREETER, "--url", "dubbo://127.0.0.1:1", "--timeout", "2000");
    expect(down.code).toBe(1);
    expect(down.out).toContain("FAILED");
  });

  it("fails with the reason when ZooKeeper cannot be reached", async () => {
    const r = await cli("ls", "--registry", "zookeeper://127.0.0.1:1", "--timeout", "1500");
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot reach ZooKeeper at 127.0.0.1:1 within 1500 ms");
  });

  it("prints a failed call as one line, not a stack trace", async () => {
    const r = await cli(
      "invoke",
      `${GREETER}.greet`,
      '["x"]',
      "--types",
      "java.lang.String",
      "--url",
      "dubbo://127.0.0.1:1",
      "--timeout",
      "1000",
    );
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^dubbo-ts invoke: /);
  });
});
