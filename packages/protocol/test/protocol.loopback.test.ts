import net from "node:net";
import {
  Code,
  createGenericInvocation,
  type Invoker,
  type Protocol,
  RpcError,
} from "@dubbo-ts/core/spi";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { javaClassOf } from "../src/codec.js";
import { createDubboProtocol } from "../src/index.js";
import { registerInteropClasses, typeMatrixService } from "./fixtures/interop-contract.js";
import { call, implementationInvoker, providerUrl, rejection, sleep } from "./support.js";

registerInteropClasses();

const brands = [
  { id: 1, name: "联想", firstChar: "L" },
  { id: 2, name: "Brand 😀", firstChar: "B" },
];

/** The provider side of com.jd.interop.TypeMatrixService, in TS. */
const matrix = {
  echoString: (v: string) => v,
  echoLong: (v: number | bigint) => v,
  echoBigDecimal: (v: string) => v,
  echoDate: (v: Date) => v,
  echoBigInteger: (v: bigint) => v,
  echoTemporals: (v: unknown) => v,
  echoEnum: (v: string) => v,
  echoIntArray: (v: number[]) => v,
  echoStringArray: (v: string[]) => v,
  echoBrandList: (v: unknown[]) => v,
  echoBrandMap: (v: Map<unknown, unknown>) => v,
  echoObjectMap: (v: Record<string, unknown>) => v,
  makePage: (pageNum: number, pageSize: number) => ({
    total: 23,
    pageNum,
    pageSize,
    items: brands,
  }),
  returnNull: () => null,
  add: (a: number, b: number) => a + b,
  fail: (message: string, code: number) => {
    throw Object.assign(new Error(message), { javaClass: "com.jd.interop.BrandException", code });
  },
  failRuntime: (message: string) => {
    throw new Error(message);
  },
  sleep: async (ms: number) => {
    await sleep(ms);
    return `slept ${ms}`;
  },
  whoAmI: () => "node",
};

describe("dubbo protocol over loopback TCP", () => {
  let provider: Protocol;
  let consumer: Protocol;
  let invoker: Invoker;
  let port: number;

  beforeAll(async () => {
    provider = createDubboProtocol({ longs: "bigint" });
    const url = providerUrl(typeMatrixService, 0, { version: "1.0.0" });
    const exporter = await provider.export(
      url,
      typeMatrixService,
      implementationInvoker(url, matrix, typeMatrixService),
    );
    port = exporter.url.port;
    expect(port).toBeGreaterThan(0);
    consumer = createDubboProtocol({ longs: "bigint" });
    invoker = consumer.refer(exporter.url);
  });

  afterAll(async () => {
    await consumer.close({ deadlineMs: 100 });
    await provider.close({ deadlineMs: 100 });
  });

  it("calls methods with Java types end to end", async () => {
    expect((await call(invoker, typeMatrixService, "add", [2, 3])).value).toBe(5);
    expect((await call(invoker, typeMatrixService, "echoString", ["héllo 😀 联想"])).value).toBe(
      "héllo 😀 联想",
    );
    expect((await call(invoker, typeMatrixService, "echoLong", [2n ** 62n])).value).toBe(2n ** 62n);
    expect((await call(invoker, typeMatrixService, "echoBigDecimal", ["-1E-9"])).value).toBe(
      "-1E-9",
    );
    const when = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));
    expect((await call(invoker, typeMatrixService, "echoDate", [when])).value).toEqual(when);
    expect((await call(invoker, typeMatrixService, "echoEnum", ["GREEN"])).value).toBe("GREEN");
    expect(
      (await call(invoker, typeMatrixService, "echoIntArray", [[0, -1, 2147483647]])).value,
    ).toEqual([0, -1, 2147483647]);
    expect(
      (await call(invoker, typeMatrixService, "echoStringArray", [["a", null]])).value,
    ).toEqual(["a", null]);
    expect((await call(invoker, typeMatrixService, "returnNull", [])).value).toBeNull();
  });

  it("carries java.time values as ISO strings and BigInteger as bigint, and names a bad field", async () => {
    const temporals = {
      date: "2024-05-01",
      time: "10:15:30.123456789",
      dateTime: "2024-02-29T23:59:59.001",
      instant: new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789)),
      duration: "PT-1M-29.5S",
      big: 2n ** 64n,
      decimal: "123.4500",
    };
    expect((await call(invoker, typeMatrixService, "echoTemporals", [temporals])).value).toEqual({
      ...temporals,
      instant: "2024-02-29T12:34:56.789Z",
    });
    expect((await call(invoker, typeMatrixService, "echoBigInteger", [-1])).value).toBe(-1n);
    const err = await rejection(
      call(invoker, typeMatrixService, "echoTemporals", [{ ...temporals, date: "2024-02-30" }]),
    );
    expect(err.code).toBe(Code.Serialization);
    expect(err.message).toContain("argument 0 of echoTemporals.date");
    expect(err.message).toContain("java.time.LocalDate");
  });

  it("carries DTOs in lists, Long-keyed maps and generic pages", async () => {
    const list = (await call(invoker, typeMatrixService, "echoBrandList", [brands]))
      .value as unknown[];
    expect(list).toEqual(brands.map((b) => ({ ...b, id: BigInt(b.id) })));
    expect(javaClassOf(list[0])).toBe("com.jd.pojo.TbBrand");
    const map = (
      await call(invoker, typeMatrixService, "echoBrandMap", [
        new Map([[9007199254740993n, brands[0]]]),
      ])
    ).value as Map<bigint, unknown>;
    expect([...map.keys()]).toEqual([9007199254740993n]);
    const page = (await call(invoker, typeMatrixService, "makePage", [2, 5])).value as Record<
      string,
      unknown
    >;
    expect(page).toMatchObject({ total: 23n, pageNum: 2, pageSize: 5 });
    expect((page.items as unknown[]).length).toBe(2);
  });

  it("returns a thrown error as a business exception with its Java class and fields", async () => {
    const result = await call(invoker, typeMatrixService, "fail", ["brand 42 is broken", 42]);
    expect(result.exception).toBeInstanceOf(RpcError);
    expect(result.exception?.code).toBe(Code.Biz);
    expect(result.exception?.javaClass).toBe("com.jd.interop.BrandException");
    expect(result.exception?.rawMessage).toBe("brand 42 is broken");
    expect(result.exception?.cause).toMatchObject({ code: 42 });
    const runtime = await call(invoker, typeMatrixService, "failRuntime", ["boom"]);
    expect(runtime.exception?.javaClass).toBe("java.lang.RuntimeException");
  });

  it("answers $echo and generic $invoke calls", async () => {
    const echo = await invoker.invoke({
      serviceName: typeMatrixService.interface,
      methodName: "$echo",
      parameterTypes: ["java.lang.Object"],
      args: ["ping"],
      attachments: {},
    });
    expect(echo.value).toBe("ping");
    const generic = await invoker.invoke(
      createGenericInvocation({
        serviceName: typeMatrixService.interface,
        method: "echoBrandList",
        parameterTypes: ["java.util.List"],
        args: [[{ class: "com.jd.pojo.TbBrand", id: 11, name: "generic 品牌", firstChar: "G" }]],
      }),
    );
    expect(generic.value).toEqual([
      { class: "com.jd.pojo.TbBrand", id: 11n, name: "generic 品牌", firstChar: "G" },
    ]);
  });

  it("refuses generic modes other than maps (CVE-2021-30179)", async () => {
    const e = await rejection(
      invoker.invoke(
        createGenericInvocation({
          serviceName: typeMatrixService.interface,
          method: "add",
          parameterTypes: ["int", "int"],
          args: [1, 2],
          attachments: { generic: "nativejava" },
        }),
      ),
    );
    expect(e.code).toBe(Code.Network);
    expect(e.message).toMatch(/status 70.*nativejava/);
  });

  it("times out a slow call with Code.Timeout and drops its late response", async () => {
    const e = await rejection(call(invoker, typeMatrixService, "sleep", [300], { timeout: "50" }));
    expect(e.code).toBe(Code.Timeout);
    await sleep(350); // the late response arrives and is dropped
    expect((await call(invoker, typeMatrixService, "add", [1, 1])).value).toBe(2);
  });

  it("answers an unknown service with status 70 and an unknown method with status 40", async () => {
    const wrongVersion = consumer.refer(providerUrl(typeMatrixService, port, { version: "9.9.9" }));
    const e70 = await rejection(call(wrongVersion, typeMatrixService, "add", [1, 2]));
    expect(e70.code).toBe(Code.Network);
    expect(e70.message).toMatch(/status 70.*Not found exported service/);
    await wrongVersion.destroy();
    const e40 = await rejection(
      invoker.invoke({
        serviceName: typeMatrixService.interface,
        methodName: "add",
        parameterTypes: ["long", "long"],
        args: [1, 2],
        attachments: {},
      }),
    );
    expect(e40.message).toMatch(/status 40.*Service not found/);
    // Not a network failure: no cluster retries it (issue 14).
    expect(e40.code).toBe(Code.MethodNotFound);
  });

  it("applies the long policy: a provider decoding longs as numbers refuses 2^62 with status 40", async () => {
    const strict = createDubboProtocol();
    const url = providerUrl(typeMatrixService, 0, { version: "1.0.0" });
    const exporter = await strict.export(
      url,
      typeMatrixService,
      implementationInvoker(url, matrix, typeMatrixService),
    );
    const client = consumer.refer(exporter.url);
    const e = await rejection(call(client, typeMatrixService, "echoLong", [2n ** 62n]));
    expect(e.message).toMatch(/status 40.*4611686018427387904 is outside/);
    expect((await call(client, typeMatrixService, "echoLong", [2 ** 53 - 1])).value).toBe(
      2n ** 53n - 1n,
    );
    await client.destroy();
    await strict.close({ deadlineMs: 10 });
  });

  it("fails locally with Code.Serialization for values that do not fit their Java type", async () => {
    const e = await rejection(call(invoker, typeMatrixService, "add", [1.5, 2]));
    expect(e.code).toBe(Code.Serialization);
    const unsafe = await rejection(call(invoker, typeMatrixService, "echoLong", [2 ** 60]));
    expect(unsafe.message).toMatch(/not a safe integer/);
  });
});

describe("connection failures", () => {
  let sockets: net.Socket[] = [];
  afterEach(() => {
    for (const s of sockets) s.destroy();
    sockets = [];
  });

  it("fails pending calls at once with Code.Network when the server dies mid-call", async () => {
    const server = net.createServer((s) => {
      sockets.push(s);
      s.once("data", () => setTimeout(() => s.destroy(), 20)); // read the request, then die
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const protocol = createDubboProtocol();
    const url = providerUrl(typeMatrixService, (server.address() as net.AddressInfo).port, {
      timeout: "5000",
    });
    const invoker = protocol.refer(url);
    const started = Date.now();
    const e = await rejection(call(invoker, typeMatrixService, "add", [1, 2]));
    expect(e.code).toBe(Code.Network);
    expect(Date.now() - started).toBeLessThan(2000);
    await protocol.close({ deadlineMs: 10 });
    await new Promise((r) => server.close(r));
  });

  it("rejects with Code.Network when nothing listens", async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const protocol = createDubboProtocol();
    const e = await rejection(
      call(protocol.refer(providerUrl(typeMatrixService, port)), typeMatrixService, "add", [1, 2]),
    );
    expect(e.code).toBe(Code.Network);
    expect(e.message).toMatch(/ECONNREFUSED/);
    await protocol.close({ deadlineMs: 10 });
  });
});

describe("availability", () => {
  it("is available while fresh and connected, not from a lost connection until a reconnect succeeds", async () => {
    // A bare TCP server first, so the connection can be lost without a read-only event ("R"),
    // as when a provider is killed.
    const accepted: net.Socket[] = [];
    const bare = net.createServer((s) => accepted.push(s));
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const port = (bare.address() as net.AddressInfo).port;
    const consumer = createDubboProtocol({ reconnectDelay: 5, maxReconnectDelay: 10 });
    const invoker = consumer.refer(providerUrl(typeMatrixService, port));
    let provider: Protocol | undefined;
    try {
      // Fresh: selectable before its first connect completes.
      expect(invoker.isAvailable()).toBe(true);
      while (accepted.length === 0) await sleep(5);
      expect(invoker.isAvailable()).toBe(true);
      const closed = new Promise((r) => bare.close(r));
      for (const s of accepted) s.destroy();
      await closed;
      // Reconnect attempts (every 2.5–10 ms, each "connecting" until ECONNREFUSED arrives) never
      // count as available. Sampled in the check phase, right after each poll for I/O.
      let availableSamples = 0;
      await sleep(20);
      const until = Date.now() + 300;
      while (Date.now() < until) {
        if (invoker.isAvailable()) availableSamples++;
        await new Promise((r) => setImmediate(r));
      }
      expect(availableSamples).toBe(0);
      const e = await rejection(call(invoker, typeMatrixService, "add", [1, 1]));
      expect(e.code).toBe(Code.Network);
      // A provider comes up on the same port: a reconnect makes the invoker available again.
      provider = createDubboProtocol();
      const url = providerUrl(typeMatrixService, port);
      await provider.export(
        url,
        typeMatrixService,
        implementationInvoker(url, matrix, typeMatrixService),
      );
      const deadline = Date.now() + 5000;
      while (!invoker.isAvailable() && Date.now() < deadline) await sleep(5);
      expect(invoker.isAvailable()).toBe(true);
      expect((await call(invoker, typeMatrixService, "add", [2, 2])).value).toBe(4);
    } finally {
      await consumer.close({ deadlineMs: 10 });
      await provider?.close({ deadlineMs: 10 });
    }
  });

  it("is not available once the first connection attempt failed", async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const consumer = createDubboProtocol();
    const invoker = consumer.refer(providerUrl(typeMatrixService, port));
    expect(invoker.isAvailable()).toBe(true); // fresh: the connect runs in the background
    const e = await rejection(call(invoker, typeMatrixService, "add", [1, 1]));
    expect(e.code).toBe(Code.Network);
    expect(invoker.isAvailable()).toBe(false);
    await consumer.close({ deadlineMs: 10 });
  });
});

describe("request attachments", () => {
  it("sends path/interface/version/group/timeout/token over the caller's, and the caller's others", async () => {
    const seen: Record<string, unknown>[] = [];
    const provider = createDubboProtocol();
    const url = providerUrl(typeMatrixService, 0, { version: "2.0", group: "g", token: "tk" });
    const recording = implementationInvoker(url, matrix, typeMatrixService);
    const exporter = await provider.export(url, typeMatrixService, {
      ...recording,
      invoke: (inv) => {
        seen.push({ ...inv.attachments });
        return recording.invoke(inv);
      },
    });
    const consumer = createDubboProtocol();
    const invoker = consumer.refer(exporter.url.withParameters({ "add.timeout": "4000" }));
    try {
      const iface = typeMatrixService.interface;
      for (let i = 0; i < 2; i++) {
        // The second call reuses the invoker's cached attachments: same result.
        expect((await call(invoker, typeMatrixService, "add", [i, 1])).value).toBe(i + 1);
      }
      await call(invoker, typeMatrixService, "add", [1, 1], {
        traceId: "t-1",
        path: "forged",
        version: "forged",
        timeout: "2500",
      });
      await call(invoker, typeMatrixService, "whoAmI", []);
      const base = { path: iface, interface: iface, version: "2.0", group: "g", token: "tk" };
      expect(seen[0]).toEqual({ ...base, timeout: "4000" });
      expect(seen[1]).toEqual({ ...base, timeout: "4000" });
      // A per-call timeout is the call's timeout and is sent as such; other keys are the invoker's.
      expect(seen[2]).toEqual({ ...base, timeout: "2500", traceId: "t-1" });
      expect(seen[3]).toEqual({ ...base, timeout: "1000" });
    } finally {
      await consumer.close({ deadlineMs: 10 });
      await provider.close({ deadlineMs: 10 });
    }
  });
});

describe("graceful shutdown", () => {
  it('sends "R", lets the in-flight call finish, and marks the consumer unavailable', async () => {
    const provider = createDubboProtocol();
    const url = providerUrl(typeMatrixService);
    const exporter = await provider.export(
      url,
      typeMatrixService,
      implementationInvoker(url, matrix, typeMatrixService),
    );
    const consumer = createDubboProtocol();
    const invoker = consumer.refer(exporter.url);
    expect((await call(invoker, typeMatrixService, "add", [1, 1])).value).toBe(2);
    expect(invoker.isAvailable()).toBe(true);
    const slow = call(invoker, typeMatrixService, "sleep", [200], { timeout: "3000" });
    await sleep(20);
    const closing = provider.close({ deadlineMs: 2000 });
    await sleep(50);
    expect(invoker.isAvailable()).toBe(false); // "R" received while the slow call is in flight
    expect((await slow).value).toBe("slept 200");
    await closing;
    await consumer.close({ deadlineMs: 10 });
  });
});
