/**
 * The QoS server over real sockets on 127.0.0.1 with a stand-in application model: telnet and
 * HTTP on one port, Java's answers and refusals. The example provider test (examples/sellergoods-service/test/qos.test.ts)
 * runs the same server inside a real application.
 */
import net from "node:net";
import { silentLogger } from "@dubbo-ts/core/spi";
import { connectRaw, httpGet } from "@dubbo-ts/test-support";
import { afterEach, describe, expect, it } from "vitest";
import {
  BUILTIN_COMMANDS,
  createCommandExecutor,
  createWhitelist,
  type PermissionLevelName,
  type QosModel,
  type QosServer,
  startQosServer,
  WELCOME,
} from "../src/index.js";

function fakeModel(): QosModel & { readyNow: boolean; offlined: string[] } {
  const model = {
    readyNow: true,
    offlined: [] as string[],
    version: "2.7.23",
    providers: () => [
      {
        serviceKey: "com.jd.sellergoods.service.BrandService:1.0.0",
        interface: "com.jd.sellergoods.service.BrandService",
        registry: "zookeeper",
        registered: !model.offlined.length,
        methods: ["findAll"],
      },
    ],
    consumers: () => [],
    servers: () => [],
    probes: () => ({ startup: true, ready: model.readyNow, live: true }),
    online: async () => {
      model.offlined = [];
      return true;
    },
    offline: async (m: (p: ReturnType<QosModel["providers"]>[number]) => boolean) => {
      const hit = model.providers().filter(m);
      model.offlined.push(...hit.map((p) => p.serviceKey));
      return hit.length > 0;
    },
    invoke: async (_k: string, _m: string, args: readonly unknown[]) => ({ echoed: args }),
    count: () => [],
    shutdown: async () => {},
  };
  return model;
}

let server: QosServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  options: {
    peer?: string;
    level?: PermissionLevelName;
    whitelist?: string;
    model?: QosModel;
    port?: number;
  } = {},
) {
  const policy = {
    acceptForeignIp: false,
    whitelist: createWhitelist(options.whitelist ?? "", "whitelist"),
    anonymousLevel: options.level ?? "PUBLIC",
    anonymousAllowCommands: [],
  };
  const model = options.model ?? fakeModel();
  server = await startQosServer({
    host: "127.0.0.1",
    port: options.port ?? 0,
    policy,
    executor: createCommandExecutor({
      commands: BUILTIN_COMMANDS,
      model,
      policy,
      logger: silentLogger,
    }),
    logger: silentLogger,
    remoteAddressOf: options.peer ? () => options.peer! : undefined,
  });
  return server!;
}

describe("QoS over telnet", () => {
  it("greets with the Dubbo logo and dubbo>, answers ls with Java's tables, says BYE! on quit", async () => {
    const { port } = await start();
    const c = await connectRaw(port);
    await c.waitFor(`${WELCOME}dubbo>`);
    c.send("ls\r\n");
    const text = await c.waitFor("As Consumer side:");
    await c.waitFor(/Consumer Service Name\|NUM\|\n\+-+\+-+\+\n\r\ndubbo>$/);
    expect(text).toContain("|com.jd.sellergoods.service.BrandService:1.0.0|zookeeper-I(Y)|\n");
    c.send("nope\r\n");
    await c.waitFor("nope :no such command\r\ndubbo>");
    c.send("\r\n");
    c.send("version\r\n");
    await c.waitFor('dubbo version "2.7.23"\r\ndubbo>');
    c.send('invoke BrandService.findAll(1, "a b")\r\n');
    await c.waitFor(
      /Use default service BrandService\.\r\nresult: \{"echoed":\[1,"a b"\]\}\r\nelapsed: \d+ ms\.\r\ndubbo>/,
    );
    c.send("quit\r\n");
    await c.waitFor("BYE!\n");
    await c.closed();
  });

  it("answers a command sent in several pieces, and Ctrl-C with a fresh prompt", async () => {
    const { port } = await start();
    const c = await connectRaw(port);
    await c.waitFor(`${WELCOME}dubbo>`);
    c.send("rea");
    c.send("dy\r");
    c.send("\n");
    await c.waitFor(`${WELCOME}dubbo>true\r\ndubbo>`);
    c.send(Buffer.from([0xff, 0xf4, 0xff, 0xfd, 0x06]));
    await c.waitFor(`${WELCOME}dubbo>true\r\ndubbo>\r\ndubbo>`);
    c.close();
  });
});

describe("QoS over HTTP", () => {
  it("serves commands by path, 503 from ready when not ready, 404 for unknown paths", async () => {
    const model = fakeModel();
    const { port } = await start({ model });
    const ls = await httpGet(port, "/ls");
    expect(ls.status).toBe(200);
    expect(ls.type).toBe("text/plain");
    expect(ls.body).toMatch(/^As Provider side:\n\+/);
    expect(await httpGet(port, "/ready")).toMatchObject({ status: 200, body: "true" });
    model.readyNow = false;
    expect(await httpGet(port, "/ready")).toMatchObject({ status: 503, body: "false" });
    expect((await httpGet(port, "/live")).status).toBe(200);
    expect((await httpGet(port, "/nope")).status).toBe(404);
    expect((await httpGet(port, "/")).status).toBe(404);
    expect((await httpGet(port, "/a/b/c")).status).toBe(404);
  });

  it("passes a path argument and POST form values to the command", async () => {
    const model = fakeModel();
    const { port } = await start({ model });
    const off = await httpGet(port, "/offline/com.jd.sellergoods.service.BrandService");
    expect(off).toMatchObject({ status: 200, body: "OK" });
    expect(model.offlined).toEqual(["com.jd.sellergoods.service.BrandService:1.0.0"]);
    expect(
      (await httpGet(port, "/online", { method: "POST", body: "service=.*Brand.*" })).body,
    ).toBe("OK");
    expect(model.offlined).toEqual([]);
    expect((await httpGet(port, "/offline?service=com.x.Other")).body).toBe("service not found");
  });
});

describe("QoS from a foreign IP (peer address injected: the test itself talks to 127.0.0.1)", () => {
  it("allows only PUBLIC commands by default: 403 over HTTP, 'permission deny' over telnet", async () => {
    const { port } = await start({ peer: "10.9.8.7" });
    expect((await httpGet(port, "/ls")).status).toBe(403);
    expect((await httpGet(port, "/offline")).status).toBe(403);
    expect(await httpGet(port, "/ready")).toMatchObject({ status: 200, body: "true" });
    const c = await connectRaw(port);
    c.send("ls\r\n");
    await c.waitFor("ls :permission deny\r\ndubbo>");
    c.send("live\r\n");
    await c.waitFor("true\r\ndubbo>");
    c.close();
  });

  it("allows PROTECTED commands to whitelisted IPs", async () => {
    const { port } = await start({ peer: "10.9.8.7", whitelist: "10.9.0.0/16" });
    expect((await httpGet(port, "/ls")).status).toBe(200);
  });

  it("closes the connection with Java's message when the anonymous level is NONE", async () => {
    const { port } = await start({ peer: "10.9.8.7", level: "NONE" });
    const c = await connectRaw(port);
    await c.closed();
    expect(c.received()).toBe("\r\nForeign Ip Not Permitted, Consider Config It In Whitelist.\r\n");
  });
});

describe("QoS start-up", () => {
  it("resolves without a server (a warning, not a crash) when the port is in use", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const taken = (blocker.address() as net.AddressInfo).port;
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      warn: (_o: unknown, msg: string) => {
        warnings.push(msg);
      },
    } as unknown as typeof silentLogger;
    const policy = {
      acceptForeignIp: false,
      whitelist: () => false,
      anonymousLevel: "PUBLIC" as const,
      anonymousAllowCommands: [],
    };
    const result = await startQosServer({
      host: "127.0.0.1",
      port: taken,
      policy,
      executor: createCommandExecutor({
        commands: BUILTIN_COMMANDS,
        model: fakeModel(),
        policy,
        logger: silentLogger,
      }),
      logger,
    });
    await new Promise<void>((r) => blocker.close(() => r()));
    expect(result).toBeUndefined();
    expect(warnings[0]).toMatch(new RegExp(`qos: cannot listen on port ${taken} \\(EADDRINUSE\\)`));
  });
});
