/**
 * Telnet on the dubbo port as Java 2.7.13+/3.0.11+ answers it: a telnet line gets Java's text at
 * once (instead of silence until the idle timeout), every command disabled unless listed in the
 * protocol's `telnet` parameter; a Dubbo client on the same port is unaffected.
 */
import net from "node:net";
import type { Protocol } from "@dubbo-ts/core/spi";
import { afterEach, describe, expect, it } from "vitest";
import {
  decodeResponse,
  encodeRequest,
  type Frame,
  FrameDecoder,
  hessian2Serialization as h2,
  Status,
} from "../src/codec.js";
import { ExportedServices } from "../src/exported-services.js";
import { createDubboProtocol } from "../src/index.js";
import { answerTelnet } from "../src/telnet.js";
import { registerInteropClasses, typeMatrixService } from "./fixtures/interop-contract.js";
import { call, implementationInvoker, providerUrl, sleep } from "./support.js";

registerInteropClasses();

let protocol: Protocol | undefined;
afterEach(async () => {
  await protocol?.close({ deadlineMs: 100 });
  protocol = undefined;
});

async function serve(telnet?: string) {
  protocol = createDubboProtocol(telnet === undefined ? {} : { telnet });
  const url = providerUrl(typeMatrixService);
  const impl = { add: (a: number, b: number) => a + b };
  const exporter = await protocol.export(url, typeMatrixService, implementationInvoker(url, impl));
  return exporter.url;
}

/** Sends `text` on a raw socket and collects what comes back until `until` matches. */
async function exchange(port: number, text: string, until: RegExp) {
  const socket = net.connect({ host: "127.0.0.1", port });
  let received = "";
  let closed = false;
  socket.on("data", (d: Buffer) => {
    received += d.toString("utf8");
  });
  socket.on("close", () => {
    closed = true;
  });
  socket.on("error", () => undefined);
  await new Promise<void>((r) => socket.once("connect", () => r()));
  socket.write(text);
  const end = Date.now() + 10_000;
  while (!until.test(received) && !closed && Date.now() < end) await sleep(5);
  return { received, socket, closed: () => closed };
}

describe("telnet on the dubbo port", () => {
  it("answers ls with Java's 'disabled for security reasons' by default", async () => {
    const url = await serve();
    const { received, socket } = await exchange(url.port, "ls\r\n", /dubbo>$/);
    expect(received).toBe(
      "Command: ls disabled for security reasons, please enable support by listing the commands through 'telnet'\r\ndubbo>",
    );
    // The connection stays a telnet session: the next line is answered too.
    socket.write("foo\r\n");
    await sleep(50);
    socket.destroy();
  });

  it("runs the commands listed in `telnet` and says 'Unsupported command' for unknown ones", async () => {
    const url = await serve("ls,ps,exit");
    const ls = await exchange(url.port, "ls\r\n", /dubbo>$/);
    expect(ls.received).toBe(`PROVIDER:\r\n${typeMatrixService.interface}\r\ndubbo>`);
    ls.socket.destroy();
    const other = await exchange(url.port, "status\r\nfoo\r\n", /foo\r\ndubbo>$/);
    expect(other.received).toBe(
      "Command: status disabled for security reasons, please enable support by listing the commands through 'telnet'\r\ndubbo>Unsupported command: foo\r\ndubbo>",
    );
    other.socket.destroy();
    const exit = await exchange(url.port, "exit\r\n", /^$/);
    const end = Date.now() + 5000;
    while (!exit.closed() && Date.now() < end) await sleep(5);
    expect(exit.closed()).toBe(true);
  });

  it("keeps serving Dubbo requests on the same port", async () => {
    const url = await serve();
    const t = await exchange(url.port, "ls\r\n", /dubbo>$/);
    t.socket.destroy();
    const consumer = createDubboProtocol();
    try {
      const invoker = consumer.refer(url, typeMatrixService);
      expect((await call(invoker, typeMatrixService, "add", [2, 3])).value).toBe(5);
      await invoker.destroy();
    } finally {
      await consumer.close({ deadlineMs: 100 });
    }
  });
});

describe("telnet detection", () => {
  it("does not take the rest of an oversized body (text) for a telnet line", async () => {
    protocol = createDubboProtocol({ payload: 1024 });
    const url = providerUrl(typeMatrixService);
    const exporter = await protocol.export(
      url,
      typeMatrixService,
      implementationInvoker(url, { add: (a: number, b: number) => a + b }),
    );
    const socket = net.connect({ host: "127.0.0.1", port: exporter.url.port });
    const decoder = new FrameDecoder({ maxPayload: 1 << 20 });
    const frames: Frame[] = [];
    socket.on("data", (d: Buffer) => frames.push(...decoder.decode(d)));
    await new Promise<void>((r) => socket.once("connect", () => r()));
    const request = (id: bigint) =>
      encodeRequest(
        {
          dubboVersion: "2.0.2",
          serviceName: typeMatrixService.interface,
          version: "0.0.0",
          methodName: "add",
          parameterTypes: ["int", "int"],
          args: [2, 3],
          attachments: {},
        },
        { id, twoWay: true, serialization: h2, maxPayload: 0 },
      );
    const header = Buffer.from(request(1n).subarray(0, 16));
    header.writeInt32BE(2048, 12);
    socket.write(header);
    const until = async (n: number) => {
      const end = Date.now() + 10_000;
      while (frames.length < n && Date.now() < end) await sleep(5);
    };
    await until(1);
    expect(frames[0]!.header.status).toBe(Status.BadRequest);
    // The 2048 body bytes arrive later, in their own chunks, and are printable text.
    socket.write(Buffer.alloc(1024, "a"));
    await sleep(20);
    socket.write(Buffer.alloc(1024, "b"));
    socket.write(request(2n));
    await until(2);
    const f = frames[1]!;
    expect(f.header.id).toBe(2n);
    expect(decodeResponse(f.header, f.body!, h2)).toMatchObject({ ok: true, value: 5 });
    socket.destroy();
  });
});

describe("answerTelnet", () => {
  const context = { services: new ExportedServices(), port: 20880, connections: () => [] };
  it("answers a blank line with the prompt only, and honours --no-prompt", () => {
    expect(answerTelnet("", new Set(), context)).toBe("dubbo>");
    expect(answerTelnet("ls --no-prompt", new Set(), context)).toBe(
      "Command: ls disabled for security reasons, please enable support by listing the commands through 'telnet'\r\n",
    );
    expect(answerTelnet("ps", new Set(["ps"]), context)).toBe("20880\r\ndubbo>");
  });
});
