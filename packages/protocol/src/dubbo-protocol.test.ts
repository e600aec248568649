import { describe, expect, it } from "vitest";
import { createDubboProtocol } from "./dubbo-protocol.js";

describe("createDubboProtocol", () => {
  it("is the dubbo protocol and does no I/O when created", async () => {
    const protocol = createDubboProtocol();
    expect(protocol.name).toBe("dubbo");
    await protocol.close();
  });

  it("rejects configuration mistakes at start-up with a message saying what to change", () => {
    expect(() => createDubboProtocol({ payload: 0 })).toThrow(
      /payload \(bytes\) must be a positive number/,
    );
    expect(() => createDubboProtocol({ payload: "1024" as unknown as number })).toThrow(RangeError);
    expect(() => createDubboProtocol({ heartbeat: -1 })).toThrow(/heartbeat/);
    expect(() => createDubboProtocol({ longs: "string" as "bigint" })).toThrow(
      /longs must be "number" or "bigint"/,
    );
    expect(() => createDubboProtocol({ decodeLimits: { maxDepth: 0 } })).toThrow(
      /decodeLimits.maxDepth/,
    );
  });
});
