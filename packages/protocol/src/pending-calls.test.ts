import { Code, RpcError } from "@dubbo-ts/core/spi";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Frame } from "./frame-decoder.js";
import { PendingCalls } from "./pending-calls.js";

const response = (id: bigint) => ({ header: { id } }) as unknown as Frame;

describe("PendingCalls", () => {
  afterEach(() => vi.useRealTimers());

  it("settles a call by its response id, once, and reports unknown ids", async () => {
    const calls = new PendingCalls("127.0.0.1:1");
    const a = calls.add(1n, 60_000);
    const b = calls.add(2n, 60_000);
    expect(calls.size).toBe(2);
    expect(calls.settle(response(2n))).toBe(true);
    expect(calls.settle(response(2n))).toBe(false);
    expect(calls.settle(response(3n))).toBe(false);
    expect((await b).header.id).toBe(2n);
    expect(calls.settle(response(1n))).toBe(true);
    expect((await a).header.id).toBe(1n);
    expect(calls.size).toBe(0);
  });

  it("fails every waiting call with the given error", async () => {
    const calls = new PendingCalls("127.0.0.1:1");
    const waiting = [calls.add(1n, 60_000), calls.add(2n, 60_000)];
    const error = new RpcError(Code.Network, "gone");
    calls.failAll(error);
    for (const w of waiting) await expect(w).rejects.toBe(error);
    expect(calls.settle(response(1n))).toBe(false);
  });

  it("times a call out after its deadline with Code.Timeout naming the provider, never before", async () => {
    vi.useFakeTimers();
    const calls = new PendingCalls("127.0.0.1:20880");
    const call = calls.add(9n, 100);
    const outcome = call.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(90);
    expect(calls.size).toBe(1);
    await vi.advanceTimersByTimeAsync(30);
    const error = (await outcome) as RpcError;
    expect(error.code).toBe(Code.Timeout);
    expect(error.message).toContain("timeout: 100 ms, request id: 9, provider: 127.0.0.1:20880");
    expect(calls.settle(response(9n))).toBe(false);
  });
});
