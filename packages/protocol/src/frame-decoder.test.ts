import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encodeHeartbeatRequest } from "./event.js";
import { type Frame, FrameDecoder, FrameError } from "./frame-decoder.js";
import { hessian2Serialization } from "./hessian/hessian2-serialization.js";

/** A seeded PRNG so random chunkings are reproducible (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAY_HELLO_FRAME = readFileSync(
  new URL("../test/fixtures/golden/doc-req-sayHello.bin", import.meta.url),
);
const heartbeat = encodeHeartbeatRequest(7n, hessian2Serialization);
const stream = Buffer.concat([SAY_HELLO_FRAME, heartbeat, SAY_HELLO_FRAME]);

function summary(frames: Frame[]): string[] {
  return frames.map((f) => `${f.header.id}:${f.header.event}:${f.body?.toString("hex")}`);
}

const expected = summary([
  { header: { id: 1n, event: false } as Frame["header"], body: SAY_HELLO_FRAME.subarray(16) },
  { header: { id: 7n, event: true } as Frame["header"], body: heartbeat.subarray(16) },
  { header: { id: 1n, event: false } as Frame["header"], body: SAY_HELLO_FRAME.subarray(16) },
]);

describe("FrameDecoder", () => {
  it("cuts glued frames delivered in one chunk", () => {
    expect(summary(new FrameDecoder().decode(stream))).toEqual(expected);
  });

  it("reassembles frames fed one byte at a time", () => {
    const d = new FrameDecoder();
    const frames: Frame[] = [];
    for (let i = 0; i < stream.length; i++) frames.push(...d.decode(stream.subarray(i, i + 1)));
    expect(summary(frames)).toEqual(expected);
    expect(d.pendingBytes).toBe(0);
  });

  it("reassembles frames under 200 random chunkings", () => {
    const rnd = prng(42);
    for (let run = 0; run < 200; run++) {
      const d = new FrameDecoder();
      const frames: Frame[] = [];
      let pos = 0;
      while (pos < stream.length) {
        const n = 1 + Math.floor(rnd() * 40);
        frames.push(...d.decode(stream.subarray(pos, pos + n)));
        pos += n;
      }
      expect(summary(frames), `run ${run}`).toEqual(expected);
    }
  });

  it("waits for more input with 11 header bytes or a partial body (ExchangeCodecTest Need_Readmore)", () => {
    const d = new FrameDecoder();
    expect(d.decode(SAY_HELLO_FRAME.subarray(0, 11))).toEqual([]);
    expect(d.decode(SAY_HELLO_FRAME.subarray(11, 100))).toEqual([]);
    expect(d.decode(SAY_HELLO_FRAME.subarray(100))).toHaveLength(1);
  });

  it("consumes only the declared length; trailing bytes start the next frame", () => {
    const d = new FrameDecoder();
    const frames = d.decode(Buffer.concat([heartbeat, heartbeat.subarray(0, 5)]));
    expect(frames).toHaveLength(1);
    expect(d.pendingBytes).toBe(5);
  });

  it("reports a body over the payload limit at once and skips it without buffering", () => {
    const d = new FrameDecoder({ maxPayload: 100 });
    const big = SAY_HELLO_FRAME; // 195-byte body
    const first = d.decode(big.subarray(0, 20));
    expect(first).toHaveLength(1);
    expect(first[0]!.body).toBeNull();
    expect(first[0]!.header.bodyLength).toBe(195);
    expect(d.pendingBytes).toBe(0);
    // The rest of the oversized body is dropped; the heartbeat after it is decoded.
    const rest = d.decode(Buffer.concat([big.subarray(20), heartbeat]));
    expect(summary(rest)).toEqual([`7:true:4e`]);
  });

  it("refuses a declared length of 0x01010101 by default (ExchangeCodecTest Check_Payload)", () => {
    const header = Buffer.from(SAY_HELLO_FRAME.subarray(0, 16));
    header.writeInt32BE(0x01010101, 12);
    const frames = new FrameDecoder().decode(header);
    expect(frames[0]!.body).toBeNull();
  });

  it("throws FrameError on a wrong magic (HTTP, telnet) and on a negative length", () => {
    expect(() =>
      new FrameDecoder().decode(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n")),
    ).toThrow(FrameError);
    const negative = Buffer.from(heartbeat);
    negative.writeInt32BE(-1, 12);
    expect(() => new FrameDecoder().decode(negative)).toThrow(/negative body length/);
  });

  it("trickles an 8 MiB body in 1 KiB chunks with one concatenation", () => {
    const body = Buffer.alloc(8 << 20, 0x4e);
    const header = Buffer.from(heartbeat.subarray(0, 16));
    header.writeInt32BE(body.length, 12);
    const whole = Buffer.concat([header, body]);
    const d = new FrameDecoder({ maxPayload: 16 << 20 });
    const frames: Frame[] = [];
    for (let i = 0; i < whole.length; i += 1024)
      frames.push(...d.decode(whole.subarray(i, i + 1024)));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.body!.equals(body)).toBe(true);
  });
});
