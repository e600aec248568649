/**
 * Operations of the example provider, as an operator uses them: the real provider process
 * (src/main.ts) with its QoS port, driven by curl, a raw telnet socket and Node's fetch, against
 * the real ZooKeeper ensemble, with a real consumer calling BrandService meanwhile.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Application, Code, createApplication, RpcError } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import {
  connectRaw,
  freePort,
  httpGet,
  parsePrometheus,
  REGISTER_TS,
} from "@dubbo-ts/test-support";
import zookeeper from "node-zookeeper-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BRAND_SERVICE_VERSION, BrandService } from "../src/contract.js";

const zk = inject("zkConnect");
const PROVIDERS = "/dubbo/com.jd.sellergoods.service.BrandService/providers";
const KEY = "com.jd.sellergoods.service.BrandService:1.0.0";

/**
 * Polls `check` until it returns a value other than undefined (every 100 ms, up to 30 s, or until
 * the provider process has exited). `what` is read when it fails.
 */
async function eventually<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + 30_000;
  let last: unknown;
  while (Date.now() < end && child?.exitCode === null) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = child?.exitCode === null ? "" : ` (the provider exited with ${child?.exitCode})`;
  const described = typeof what === "string" ? what : what();
  throw new Error(`timed out waiting for ${described}${exited}${last ? `: ${String(last)}` : ""}`);
}

let child: ChildProcess;
/** The provider's stdout (its pino log) and stderr, for a failure message. */
let output = "";
let qosPort: number;
let dubboPort: number;
let dir: string;
let consumer: Application;
let brands: BrandService;
let client: zookeeper.Client;

const providerNodes = () =>
  new Promise<string[]>((resolve, reject) =>
    client.getChildren(PROVIDERS, (e, children) =>
      e
        ? (e as zookeeper.Exception).getCode?.() === zookeeper.Exception.NO_NODE
          ? resolve([])
          : reject(e)
        : resolve(children),
    ),
  );
const mine = async () =>
  (await providerNodes()).filter((n) => decodeURIComponent(n).includes(`:${dubboPort}/`));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "qos-example-"));
  [qosPort, dubboPort] = [await freePort(), await freePort()];
  const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
  child = spawn(process.execPath, ["--conditions=source", "--import", REGISTER_TS, main], {
    env: {
      ...process.env,
      DUBBO_REGISTRY_ADDRESS: `zookeeper://${zk}`,
      DUBBO_PROTOCOL_PORT: String(dubboPort),
      DUBBO_APPLICATION_QOS_PORT: String(qosPort),
      SELLERGOODS_DB: path.join(dir, "brands.db"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  // Kubernetes' startup probe: polled until the provider has started.
  await eventually(
    () => `the provider's /startup (its output:\n${output.slice(-4000)})`,
    async () => ((await httpGet(qosPort, "/startup")).status === 200 ? true : undefined),
  );
  client = zookeeper.createClient(zk);
  client.connect();
  await new Promise<void>((r) => client.once("connected", () => r()));
  consumer = createApplication({
    name: "qos-test-consumer",
    registry: { address: `zookeeper://${zk}`, cacheFile: false },
    protocol: { name: "dubbo", host: "127.0.0.1" },
    consumer: { check: false, retries: 0 },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    env: false,
  });
  brands = consumer.reference(BrandService, { version: BRAND_SERVICE_VERSION });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.close();
  client?.close();
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Calls findAll until it answers (the consumer may not have seen the provider yet). */
const answered = () =>
  eventually("a findAll answer", async () =>
    (await brands.findAll()).length > 0 ? true : undefined,
  );

describe("the example provider's QoS port", () => {
  it("lists BrandService 1.0.0 as registered, over curl and over a telnet socket", async () => {
    const { stdout } = await promisify(execFile)("curl", ["-s", `http://127.0.0.1:${qosPort}/ls`]);
    expect(stdout).toMatch(/^As Provider side:\n/);
    expect(stdout).toContain(`|${KEY}|zookeeper-I(Y)|`);
    const telnet = await connectRaw(qosPort);
    await telnet.waitFor("dubbo>");
    telnet.send("ls\r\n");
    await telnet.waitFor(`|${KEY}|zookeeper-I(Y)|\n`);
    telnet.send(`ps\r\n`);
    await telnet.waitFor(`${dubboPort}\r\ndubbo>`);
    telnet.send("quit\r\n");
    await telnet.waitFor("BYE!");
    await telnet.closed();
  });

  it("answers startup, ready and live with 200 while serving", async () => {
    for (const probe of ["/startup", "/ready", "/live"]) {
      expect(await httpGet(qosPort, probe)).toMatchObject({ status: 200, body: "true" });
    }
  });

  it("exposes Prometheus counters that match the calls made", async () => {
    await answered();
    const labels = { interface: "com.jd.sellergoods.service.BrandService", method: "findOne" };
    const before =
      parsePrometheus((await httpGet(qosPort, "/metrics")).body).value(
        "dubbo_provider_requests_total",
        labels,
      ) ?? 0;
    for (let i = 0; i < 25; i++) await brands.findOne(1);
    const metrics = await httpGet(qosPort, "/metrics");
    expect(metrics.status).toBe(200);
    const p = parsePrometheus(metrics.body);
    expect(p.value("dubbo_provider_requests_total", labels)! - before).toBe(25);
    expect(p.value("dubbo_provider_requests_succeed_total", labels)! - before).toBe(25);
    expect(p.value("dubbo_provider_requests_failed_total", labels)).toBe(0);
    expect(
      p.value("dubbo_provider_requests_total", {
        ...labels,
        application_name: "jd-sellergoods-service",
        version: "1.0.0",
      }),
    ).toBeGreaterThanOrEqual(25);
    expect(p.value("dubbo_provider_rt_milliseconds_max", labels)).toBeGreaterThan(0);
  });

  it("invokes a method with JSON arguments and counts calls, over telnet", async () => {
    const telnet = await connectRaw(qosPort);
    telnet.send("invoke com.jd.sellergoods.service.BrandService.findOne(1)\r\n");
    const text = await telnet.waitFor(/elapsed: \d+ ms\.\r\ndubbo>/);
    expect(text).toMatch(/result: \{"id":1,"name":"[^"]+","firstChar":"[A-Z]"\}/);
    telnet.send("count BrandService findOne\r\n");
    await telnet.waitFor(/\| findOne +\| \d+ +\| 0 +\| 0 +\| \d+ms +\| \d+ms +\|\r\n/);
    telnet.close();
  });

  it("offline removes the ZooKeeper node and the consumer stops calling; online restores both", async () => {
    await answered();
    expect(await mine()).toHaveLength(1);
    expect(await httpGet(qosPort, `/offline/${KEY.replace(":1.0.0", "")}`)).toMatchObject({
      status: 200,
      body: "OK",
    });
    expect(await mine()).toHaveLength(0);
    expect(await httpGet(qosPort, "/ready")).toMatchObject({ status: 503, body: "false" });
    expect((await httpGet(qosPort, "/live")).status).toBe(200);
    expect((await httpGet(qosPort, "/ls")).body).toContain(`|${KEY}|zookeeper-I(N)|`);
    // The consumer's directory empties: its calls fail with NoInvoker instead of reaching us.
    const refused = await eventually("the consumer to stop calling", async () => {
      try {
        await brands.findAll();
        return undefined;
      } catch (e) {
        return e;
      }
    });
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).code).toBe(Code.NoInvoker);

    expect((await httpGet(qosPort, "/online")).body).toBe("OK");
    expect(await mine()).toHaveLength(1);
    expect(await httpGet(qosPort, "/ready")).toMatchObject({ status: 200, body: "true" });
    await answered();
  });

  it("shutdown closes the application: its node leaves ZooKeeper", async () => {
    const res = await httpGet(qosPort, "/shutdown");
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^Application has shutdown successfully\r\nelapsed: \d+ ms\.$/);
    expect(await mine()).toHaveLength(0);
  });
});
