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

  it("flushes the first flushBytes of a tick at once, then waits for twice as many each time", async () => {
    const stream = fakeStream();
    const write = createCoalescingWriter(stream, 4);
    write(Buffer.alloc(3));
    write(Buffer.alloc(2)); // 5 >= 4: flushed
    write(Buffer.alloc(5)); // 5 < 8
    write(Buffer.alloc(3)); // 8 >= 8: flushed
    write(Buffer.alloc(1));
    expect(stream.log).toEqual([
      ...["cork", "write 3", "write 2", "uncork"],
      ...["cork", "write 5", "write 3", "uncork"],
      ...["cork", "write 1"],
    ]);
    await new Promise((r) => process.nextTick(r));
    expect(stream.log.slice(10)).toEqual(["uncork"]);
    // Each tick starts again from flushBytes.
    write(Buffer.alloc(4));
    await new Promise((r) => process.nextTick(r));
    expect(stream.log.slice(11)).toEqual(["cork", "write 4", "uncork", "cork", "uncork"]);
  });

  it("writes nothing to a destroyed stream", () => {
    const stream = fakeStream();
    stream.destroyed = true;
    expect(createCoalescingWriter(stream)(Buffer.alloc(1))).toBe(false);
    expect(stream.log).toEqual([]);
  });
});
