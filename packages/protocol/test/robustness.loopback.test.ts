import net from "node:net";
import { Code, type Protocol } from "@dubbo-ts/core/spi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  decodeResponse,
  encodeHeartbeatRequest,
  encodeRequest,
  encodeResponse,
  type Frame,
  FrameDecoder,
  hessian2Serialization as h2,
  Status,
} from "../src/codec.js";
import { createDubboProtocol } from "../src/index.js";
import { registerInteropClasses, typeMatrixService } from "./fixtures/interop-contract.js";
import { call, implementationInvoker, providerUrl, rejection, sleep } from "./support.js";

registerInteropClasses();

/** A raw client socket that collects the frames it receives. */
async function rawClient(port: number) {
  const socket = net.connect({ host: "127.0.0.1", port });
  await new Promise<void>((r, j) => socket.once("connect", r).once("error", j));
  const decoder = new FrameDecoder({ maxPayload: 64 << 20 });
  const frames: Frame[] = [];
  let closed = false;
  socket.on("data", (c: Buffer) => frames.push(...decoder.decode(c)));
  socket.on("error", () => undefined);
  socket.on("close", () => {
    closed = true;
  });
  const until = async (predicate: () => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    while (!predicate() && Date.now() < end) await sleep(5);
    return predicate();
  };
  return { socket, frames, until, isClosed: () => closed };
}

function addRequest(id: bigint, a: number, b: number): Buffer {
  return encodeRequest(
    {
      dubboVersion: "2.0.2",
      serviceName: typeMatrixService.interface,
      version: "0.0.0",
      methodName: "add",
      parameterTypes: ["int", "int"],
      args: [a, b],
      attachments: {},
    },
    { id, twoWay: true, serialization: h2, maxPayload: 0 },
  );
}

describe("provider robustness (docs/hostile-input-and-failures.md C5)", () => {
  let provider: Protocol;
  let port: number;

  beforeAll(async () => {
    provider = createDubboProtocol({ heartbeat: 100, payload: 1 << 20 });
    const url = providerUrl(typeMatrixService);
    const impl = { add: (a: number, b: number) => a + b, echoObjectMap: (m: unknown) => m };
    const exporter = await provider.export(
      url,
      typeMatrixService,
      implementationInvoker(url, impl),
    );
    port = exporter.url.port;
  });

  afterAll(() => provider.close({ deadlineMs: 100 }));

  it("S1: closes a binary non-Dubbo stream at once, without answering (telnet text: telnet.loopback.test.ts)", async () => {
    // A TLS ClientHello's first bytes and random binary: not a Dubbo magic, not a telnet line.
    for (const bytes of [
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00]),
      Buffer.from([0x00, 0xff, 0x10]),
    ]) {
      const c = await rawClient(port);
      c.socket.write(bytes);
      expect(await c.until(c.isClosed)).toBe(true);
      expect(c.frames).toHaveLength(0);
    }
  });

  it("answers heartbeats with the same id, serialization id and body, even for ids it does not implement", async () => {
    const c = await rawClient(port);
    c.socket.write(encodeHeartbeatRequest(77n, h2));
    const fastjson2 = Buffer.from(encodeHeartbeatRequest(78n, h2));
    fastjson2[2] = (fastjson2[2]! & 0xe0) | 23;
    c.socket.write(fastjson2);
    expect(await c.until(() => c.frames.length === 2)).toBe(true);
    expect(
      c.frames.map((f) => [f.header.id, f.header.event, f.header.serializationId, f.header.status]),
    ).toEqual([
      [77n, true, 2, Status.OK],
      [78n, true, 23, Status.OK],
    ]);
    c.socket.destroy();
  });

  it("S2: answers a declared length over the payload with 40 and buffers nothing", async () => {
    const c = await rawClient(port);
    const header = Buffer.from(addRequest(5n, 1, 1).subarray(0, 16));
    header.writeInt32BE(0x7fffffff, 12);
    c.socket.write(header);
    expect(await c.until(() => c.frames.length === 1)).toBe(true);
    const f = c.frames[0]!;
    expect(f.header.id).toBe(5n);
    expect(decodeResponse(f.header, f.body!, h2)).toMatchObject({
      ok: false,
      status: Status.BadRequest,
    });
    c.socket.destroy();
    const negative = await rawClient(port);
    header.writeInt32BE(-1, 12);
    negative.socket.write(header);
    expect(await negative.until(negative.isClosed)).toBe(true);
  });

  it("S11: ignores response frames sent to the server and keeps serving", async () => {
    const c = await rawClient(port);
    c.socket.write(
      encodeResponse(
        { value: 1, returnType: "int" },
        { id: 9n, serialization: h2, dubboVersion: "2.0.2", maxPayload: 0 },
      ),
    );
    c.socket.write(addRequest(10n, 2, 3));
    expect(await c.until(() => c.frames.length === 1)).toBe(true);
    const f = c.frames[0]!;
    expect(decodeResponse(f.header, f.body!, h2)).toMatchObject({ ok: true, value: 5 });
    c.socket.destroy();
  });

  it("S3/S4: closes connections idle for 3 × heartbeat, including a half-sent frame", async () => {
    const idle = await rawClient(port);
    const partial = await rawClient(port);
    partial.socket.write(addRequest(11n, 1, 1).subarray(0, 30));
    const started = Date.now();
    expect(await idle.until(idle.isClosed, 2000)).toBe(true);
    expect(await partial.until(partial.isClosed, 2000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it("S10: refuses an 8 MiB-class amplification body quickly and keeps answering others", async () => {
    const flood = await rawClient(port);
    // echoObjectMap(Map) whose argument is replaced by a list of 400k empty maps ('H' 'Z'), over
    // the object budget: the server must refuse it fast and stay responsive.
    const head = encodeRequest(
      {
        dubboVersion: "2.0.2",
        serviceName: typeMatrixService.interface,
        version: "0.0.0",
        methodName: "echoObjectMap",
        parameterTypes: ["java.util.Map<java.lang.String, java.lang.Object>"],
        args: [null],
        attachments: {},
      },
      { id: 12n, twoWay: true, serialization: h2, maxPayload: 0 },
    );
    // The body ends with the null argument 'N' and empty attachments 'H' 'Z': keep what precedes.
    const prefix = head.subarray(16, head.length - 3);
    const maps = Buffer.alloc(2 * 400_000 + 2);
    maps[0] = 0x57; // variable-length untyped list
    for (let i = 0; i < 400_000; i++) {
      maps[1 + 2 * i] = 0x48;
      maps[2 + 2 * i] = 0x5a;
    }
    maps[maps.length - 1] = 0x5a;
    const body = Buffer.concat([prefix, maps, Buffer.from([0x48, 0x5a])]);
    const frame = Buffer.concat([head.subarray(0, 16), body]);
    frame.writeInt32BE(body.length, 12);
    const control = await rawClient(port);
    const started = Date.now();
    flood.socket.write(frame);
    control.socket.write(addRequest(13n, 20, 22));
    expect(await flood.until(() => flood.frames.length === 1)).toBe(true);
    expect(await control.until(() => control.frames.length === 1)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    const f = flood.frames[0]!;
    expect(decodeResponse(f.header, f.body!, h2)).toMatchObject({
      ok: false,
      status: Status.BadRequest,
    });
    const c = control.frames[0]!;
    expect(decodeResponse(c.header, c.body!, h2)).toMatchObject({ ok: true, value: 42 });
    flood.socket.destroy();
    control.socket.destroy();
  });
});

describe("connection cap", () => {
  it("S4: refuses connections beyond maxConnections while serving the admitted one", async () => {
    const provider = createDubboProtocol({ maxConnections: 1 });
    const url = providerUrl(typeMatrixService);
    const impl = { add: (a: number, b: number) => a + b };
    const exporter = await provider.export(
      url,
      typeMatrixService,
      implementationInvoker(url, impl),
    );
    const first = await rawClient(exporter.url.port);
    await sleep(20);
    const second = await rawClient(exporter.url.port);
    expect(await second.until(second.isClosed)).toBe(true);
    first.socket.write(addRequest(1n, 1, 2));
    expect(await first.until(() => first.frames.length === 1)).toBe(true);
    first.socket.destroy();
    await provider.close({ deadlineMs: 10 });
  });
});

describe("consumer robustness", () => {
  it("keeps an idle connection alive with heartbeats against a server that closes idle ones", async () => {
    const provider = createDubboProtocol({ heartbeat: 100 });
    const url = providerUrl(typeMatrixService);
    const exporter = await provider.export(
      url,
      typeMatrixService,
      implementationInvoker(url, { add: (a: number, b: number) => a + b }),
    );
    let accepted = 0;
    // Count connections through a pass-through proxy in front of the provider.
    const proxy = net.createServer((inbound) => {
      accepted++;
      const outbound = net.connect({ host: "127.0.0.1", port: exporter.url.port });
      inbound.pipe(outbound).pipe(inbound);
      inbound.on("error", () => outbound.destroy());
      outbound.on("error", () => inbound.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const consumer = createDubboProtocol({ heartbeat: 100 });
    const invoker = consumer.refer(
      providerUrl(typeMatrixService, (proxy.address() as net.AddressInfo).port),
    );
    expect((await call(invoker, typeMatrixService, "add", [1, 2])).value).toBe(3);
    await sleep(800); // > 3 × heartbeat without calls
    expect((await call(invoker, typeMatrixService, "add", [2, 2])).value).toBe(4);
    expect(accepted).toBe(1);
    await consumer.close({ deadlineMs: 10 });
    await provider.close({ deadlineMs: 10 });
    await new Promise((r) => proxy.close(r));
  });

  it("drops responses with unknown ids and never settles a call twice", async () => {
    const server = net.createServer((s) => {
      const decoder = new FrameDecoder();
      s.on("data", (chunk: Buffer) => {
        for (const f of decoder.decode(chunk)) {
          const reply = (id: bigint, value: number) =>
            encodeResponse(
              { value, returnType: "int" },
              { id, serialization: h2, dubboVersion: "2.0.2", maxPayload: 0 },
            );
          s.write(reply(f.header.id + 1000n, 1)); // unknown id
          s.write(reply(f.header.id, 2));
          s.write(reply(f.header.id, 3)); // duplicate
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const consumer = createDubboProtocol();
    const invoker = consumer.refer(
      providerUrl(typeMatrixService, (server.address() as net.AddressInfo).port),
    );
    expect((await call(invoker, typeMatrixService, "add", [0, 0])).value).toBe(2);
    expect((await call(invoker, typeMatrixService, "add", [0, 0])).value).toBe(2);
    await consumer.close({ deadlineMs: 10 });
    await new Promise((r) => server.close(r));
  });

  it("refuses a connect that lands on itself and reconnects when the provider comes", async () => {
    // A connect to a local port nobody listens on can get that port as its source (a TCP
    // simultaneous open with itself): forced here by binding the source port.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const connect = net.connect;
    const spy = vi
      .spyOn(net, "connect")
      .mockImplementation(((o: net.TcpNetConnectOpts) =>
        connect({ ...o, localAddress: "127.0.0.1", localPort: o.port })) as typeof net.connect);
    const consumer = createDubboProtocol({ reconnectDelay: 20, maxReconnectDelay: 50 });
    const invoker = consumer.refer(providerUrl(typeMatrixService, port));
    try {
      const e = await rejection(call(invoker, typeMatrixService, "add", [1, 1]));
      expect(e.code).toBe(Code.Network);
      expect(e.message).toMatch(/connected to itself/);
      expect(spy).toHaveBeenCalled();
      expect(invoker.isAvailable()).toBe(false);
      spy.mockRestore();
      // The port was not kept: the provider binds it and the next attempt reaches it.
      const provider = createDubboProtocol();
      const url = providerUrl(typeMatrixService, port);
      await provider.export(
        url,
        typeMatrixService,
        implementationInvoker(url, { add: (a: number, b: number) => a + b }),
      );
      const deadline = Date.now() + 5000;
      while (!invoker.isAvailable() && Date.now() < deadline) await sleep(10);
      expect((await call(invoker, typeMatrixService, "add", [2, 2])).value).toBe(4);
      await provider.close({ deadlineMs: 10 });
    } finally {
      spy.mockRestore();
      await consumer.close({ deadlineMs: 10 });
    }
  });

  it("reconnects with backoff after the provider restarts on the same port", async () => {
    const impl = { add: (a: number, b: number) => a + b };
    let provider = createDubboProtocol();
    const url = providerUrl(typeMatrixService);
    const exporter = await provider.export(
      url,
      typeMatrixService,
      implementationInvoker(url, impl),
    );
    const consumer = createDubboProtocol({ reconnectDelay: 50, maxReconnectDelay: 200 });
    const invoker = consumer.refer(exporter.url);
    expect((await call(invoker, typeMatrixService, "add", [1, 1])).value).toBe(2);
    await provider.close({ deadlineMs: 10 });
    await sleep(50);
    expect(invoker.isAvailable()).toBe(false);
    expect((await rejection(call(invoker, typeMatrixService, "add", [1, 1]))).code).toBe(
      Code.Network,
    );
    provider = createDubboProtocol();
    await provider.export(
      exporter.url,
      typeMatrixService,
      implementationInvoker(exporter.url, impl),
    );
    let value: unknown;
    for (let i = 0; i < 100 && value === undefined; i++) {
      await sleep(20);
      value = await call(invoker, typeMatrixService, "add", [2, 2]).then(
        (r) => r.value,
        () => undefined,
      );
    }
    expect(value).toBe(4);
    expect(invoker.isAvailable()).toBe(true);
    await consumer.close({ deadlineMs: 10 });
    await provider.close({ deadlineMs: 10 });
  });

  it("fails a request over the payload locally and a response over it at once", async () => {
    const provider = createDubboProtocol();
    const url = providerUrl(typeMatrixService);
    const impl = { echoString: (s: string) => s.repeat(100) };
    const exporter = await provider.export(
      url,
      typeMatrixService,
      implementationInvoker(url, impl),
    );
    const consumer = createDubboProtocol({ payload: 1000 });
    const invoker = consumer.refer(exporter.url);
    const local = await rejection(
      call(invoker, typeMatrixService, "echoString", ["x".repeat(1000)]),
    );
    expect(local.code).toBe(Code.Serialization);
    expect(local.message).toMatch(/Data length too large/);
    const started = Date.now();
    const remote = await rejection(
      call(invoker, typeMatrixService, "echoString", ["y".repeat(50)], { timeout: "5000" }),
    );
    expect(remote.code).toBe(Code.Network); // Java: a synthetic CLIENT_ERROR (90)
    expect(remote.message).toMatch(/Data length too large: \d+, max payload: 1000/);
    expect(Date.now() - started).toBeLessThan(2000);
    await consumer.close({ deadlineMs: 10 });
    await provider.close({ deadlineMs: 10 });
  });
});
