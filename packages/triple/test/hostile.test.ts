import { constants } from "node:http2";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIdlClient,
  createIdlServer,
  encodeMessage,
  GrpcStatus,
  type IdlServer,
  loadProto,
} from "../src/index.js";
import { GREET_PROTO, until } from "./grpc-support.js";
import { grpcStatus, rawRequest, rawSession } from "./raw-client.js";

interface Greeter {
  greet(req: { name: string }): Promise<{ greeting: string }>;
  close(): void;
}

const GREET = { ":path": "/greet.GreeterService/Greet" };

// Hostile HTTP/2 and gRPC input against the Triple server: each attack gets a clean refusal and
// a separate, well-behaved client keeps being answered while it runs.
describe("hostile input", () => {
  let server: IdlServer;
  let port: number;
  let control: Greeter;
  let handled = 0;

  beforeAll(async () => {
    const root = await loadProto(GREET_PROTO);
    server = createIdlServer({ port: 0, maxMessageSize: 64 * 1024, maxHeaderListSize: 16 * 1024 });
    server.addService(root.lookupService("greet.GreeterService"), {
      async greet(req: { name: string }) {
        handled++;
        return { greeting: `hello ${req.name}` };
      },
      async *greetStream() {},
      async greetClientStream() {
        return {};
      },
      async *greetBidi() {},
    });
    port = await server.start();
    control = createIdlClient<Greeter>(root.lookupService("greet.GreeterService"), {
      address: `127.0.0.1:${port}`,
      timeout: 5000,
    });
  });

  afterAll(async () => {
    control?.close();
    await server?.close(500);
  });

  /** Runs `attack` while the control client calls in a loop; every control call must succeed. */
  async function underAttack(attack: () => Promise<void>): Promise<void> {
    let stop = false;
    let calls = 0;
    const loop = (async () => {
      while (!stop) {
        expect((await control.greet({ name: "control" })).greeting).toBe("hello control");
        calls++;
      }
    })();
    await attack();
    await until(() => calls >= 5);
    stop = true;
    await loop;
  }

  it("answers UNIMPLEMENTED for an unknown service or method, at once", async () => {
    const s = rawSession(port);
    for (const path of ["/no.Such/Method", "/greet.GreeterService/Nope", "/", "/x"]) {
      const r = await rawRequest(s, { ":path": path }, encodeMessage(Buffer.alloc(0)));
      expect(grpcStatus(r), path).toBe(GrpcStatus.UNIMPLEMENTED);
    }
    s.close();
  });

  it("answers INTERNAL for an invalid grpc-timeout, without running the method", async () => {
    const s = rawSession(port);
    const before = handled;
    for (const t of ["abc", "123456789S", "-5m", "1.5S"]) {
      const r = await rawRequest(
        s,
        { ...GREET, "grpc-timeout": t },
        encodeMessage(Buffer.alloc(0)),
      );
      expect(grpcStatus(r), t).toBe(GrpcStatus.INTERNAL);
    }
    expect(handled).toBe(before);
    s.close();
  });

  it("refuses a declared message length over the limit before reading the body", async () => {
    const s = rawSession(port);
    const prefix = Buffer.from([0, 0x7f, 0xff, 0xff, 0xff]); // 2 GiB declared, nothing sent
    const r = await rawRequest(s, GREET, prefix);
    expect(grpcStatus(r)).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    const big = await rawRequest(s, GREET, encodeMessage(Buffer.alloc(100 * 1024, 1)));
    expect(grpcStatus(big)).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    s.close();
  });

  it("stops inflating a gzip bomb at the message limit", async () => {
    await underAttack(async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in ~64 KiB
      const s = rawSession(port);
      const r = await rawRequest(
        s,
        { ...GREET, "grpc-encoding": "gzip" },
        encodeMessage(bomb, true),
      );
      expect(grpcStatus(r)).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      s.close();
    });
  });

  it("refuses an unknown grpc-encoding and a compressed message without one", async () => {
    const s = rawSession(port);
    const r = await rawRequest(
      s,
      { ...GREET, "grpc-encoding": "br" },
      encodeMessage(Buffer.alloc(0)),
    );
    expect(grpcStatus(r)).toBe(GrpcStatus.UNIMPLEMENTED);
    const flagged = await rawRequest(s, GREET, encodeMessage(gzipSync(Buffer.alloc(1)), true));
    expect(grpcStatus(flagged)).toBe(GrpcStatus.INTERNAL);
    const badFlag = await rawRequest(s, GREET, Buffer.from([7, 0, 0, 0, 0]));
    expect(grpcStatus(badFlag)).toBe(GrpcStatus.INTERNAL);
    s.close();
  });

  it("answers 415 to a non-gRPC content type and 405 to GET", async () => {
    const s = rawSession(port);
    const json = await rawRequest(
      s,
      { ...GREET, "content-type": "application/json" },
      Buffer.from("{}"),
    );
    expect(json.headers[":status"]).toBe(415);
    const get = await rawRequest(s, { ...GREET, ":method": "GET" });
    expect(get.headers[":status"]).toBe(405);
    s.close();
  });

  it("refuses a header list over maxHeaderListSize", async () => {
    await underAttack(async () => {
      const s = rawSession(port);
      const r = await rawRequest(
        s,
        { ...GREET, "x-big": "x".repeat(64 * 1024) },
        encodeMessage(Buffer.alloc(0)),
      );
      expect(grpcStatus(r)).toBeUndefined();
      expect(r.headers[":status"] === undefined || r.rstCode !== constants.NGHTTP2_NO_ERROR).toBe(
        true,
      );
      s.destroy();
    });
  });

  it("survives rapid reset (CVE-2023-44487): streams opened and cancelled in a burst", async () => {
    await underAttack(async () => {
      const s = rawSession(port);
      await new Promise<void>((r) => s.once("connect", () => r()));
      for (let i = 0; i < 5000 && !s.destroyed && !s.closed; i++) {
        try {
          const stream = s.request({
            ":method": "POST",
            "content-type": "application/grpc",
            ...GREET,
          });
          stream.on("error", () => undefined);
          stream.close(constants.NGHTTP2_CANCEL);
        } catch {
          break; // the server sent GOAWAY: the session refuses new streams
        }
      }
      await new Promise((r) => setTimeout(r, 200));
      s.destroy();
    });
  });
});
