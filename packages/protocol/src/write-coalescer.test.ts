import { describe, expect, it } from "vitest";
import { createCoalescingWriter } from "./write-coalescer.js";

function fakeStream() {
  const log: string[] = [];
  return {
    log,
    destroyed: false,
    cork: () => log.push("cork"),
    uncork: () => log.push("uncork"),
    write: (b: Buffer) => {
      log.push(`write ${b.length}`);
      return true;
    },
  };
}

describe("createCoalescingWriter", () => {
  it("corks once per tick so a burst of frames leaves in one uncork (one writev)", async () => {
    const stream = fakeStream();
    const write = createCoalescingWriter(stream);
    write(Buffer.alloc(1));
    write(Buffer.alloc(2));
    write(Buffer.alloc(3));
    expect(stream.log).toEqual(["cork", "write 1", "write 2", "write 3"]);
    await new Promise((r) => process.nextTick(r));
    expect(stream.log).toEqual(["cork", "write 1", "write 2", "write 3", "uncork"]);
    write(Buffer.alloc(4));
    await new Promise((r) => process.nextTick(r));
    expect(stream.log.slice(5)).toEqual(["cork", "write 4", "uncork"]);
  });

  it("flushes a batch that reaches flushBytes at once and corks the rest of the tick again", async () => {
    const stream = fakeStream();
    const write = createCoalescingWriter(stream, 4);
    write(Buffer.alloc(3));
    write(Buffer.alloc(2));
    write(Buffer.alloc(1));
    expect(stream.log).toEqual(["cork", "write 3", "write 2", "uncork", "cork", "write 1"]);
    await new Promise((r) => process.nextTick(r));
    expect(stream.log.slice(6)).toEqual(["uncork"]);
    // The count restarts with each tick's batch.
    write(Buffer.alloc(3));
    await new Promise((r) => process.nextTick(r));
    expect(stream.log.slice(7)).toEqual(["cork", "write 3", "uncork"]);
  });

  it("writes nothing to a destroyed stream", () => {
    const stream = fakeStream();
    stream.destroyed = true;
    expect(createCoalescingWriter(stream)(Buffer.alloc(1))).toBe(false);
    expect(stream.log).toEqual([]);
  });
});
