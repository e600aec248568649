import { Code, RpcError } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { encodeMessage, MessageDecoder, onlyMessage } from "./message-codec.js";

const messages = [
  Buffer.from("hello"),
  Buffer.alloc(0),
  Buffer.alloc(20_000, 7),
  Buffer.from([1, 2, 3]),
];
const stream = Buffer.concat(messages.map((m, i) => encodeMessage(m, i === 3)));

function decodeInChunks(sizes: () => number): { compressed: boolean; data: Buffer }[] {
  const decoder = new MessageDecoder(1 << 20);
  const out: { compressed: boolean; data: Buffer }[] = [];
  for (let at = 0; at < stream.length; ) {
    const n = Math.min(sizes(), stream.length - at);
    out.push(...decoder.push(stream.subarray(at, at + n)));
    at += n;
  }
  expect(decoder.pending).toBe(0);
  return out;
}

describe("MessageDecoder", () => {
  it("decodes glued messages from one chunk", () => {
    const out = new MessageDecoder().push(stream);
    expect(out.map((m) => m.data)).toEqual(messages);
    expect(out.map((m) => m.compressed)).toEqual([false, false, false, true]);
  });

  it("decodes one byte at a time", () => {
    expect(decodeInChunks(() => 1).map((m) => m.data)).toEqual(messages);
  });

  it("decodes random chunkings", () => {
    for (let trial = 0; trial < 5; trial++) {
      expect(decodeInChunks(() => 1 + Math.floor(Math.random() * 9000)).map((m) => m.data)).toEqual(
        messages,
      );
    }
  });

  it("refuses a declared length over the limit from the prefix alone", () => {
    const head = Buffer.from([0, 0, 0x40, 0, 1]);
    const error = (() => {
      try {
        new MessageDecoder(4 * 1024 * 1024).push(head);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(Code.LimitExceeded);
  });

  it("refuses an unknown flag", () => {
    expect(() => new MessageDecoder().push(Buffer.from([2, 0, 0, 0, 0]))).toThrow(/flag 2/);
  });
});

describe("onlyMessage", () => {
  it("returns the message of a buffer holding exactly one", () => {
    const one = onlyMessage(encodeMessage(Buffer.from("hello"), true), 1024);
    expect(one?.data).toEqual(Buffer.from("hello"));
    expect(one?.compressed).toBe(true);
    expect(onlyMessage(encodeMessage(Buffer.alloc(0)), 1024)?.data).toEqual(Buffer.alloc(0));
  });

  it("returns undefined for anything else: short, truncated, two messages, nothing", () => {
    const full = encodeMessage(Buffer.from("hello"));
    expect(onlyMessage(full.subarray(0, 3), 1024)).toBeUndefined();
    expect(onlyMessage(full.subarray(0, full.length - 1), 1024)).toBeUndefined();
    expect(onlyMessage(Buffer.concat([full, full]), 1024)).toBeUndefined();
    expect(onlyMessage(Buffer.alloc(0), 1024)).toBeUndefined();
  });

  it("throws as the decoder does for a bad flag or a length over the limit", () => {
    expect(() => onlyMessage(Buffer.from([2, 0, 0, 0, 0]), 1024)).toThrow(/flag 2/);
    expect(() => onlyMessage(encodeMessage(Buffer.alloc(2000)), 1024)).toThrow(RpcError);
  });
});
