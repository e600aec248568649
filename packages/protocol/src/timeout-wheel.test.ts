import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Expirable, TIMEOUT_TICK_MS, TimeoutWheel } from "./timeout-wheel.js";

/** An entry recording the (fake) time it expired at. */
function entry(deadline: number, log: number[]): Expirable {
  return { deadline, wheelSlot: undefined, expire: () => log.push(Date.now()) };
}

describe("TimeoutWheel", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires an entry at the first tick at or after its deadline, never before", () => {
    const wheel = new TimeoutWheel();
    const fired: number[] = [];
    wheel.add(entry(1_000_025, fired));
    vi.advanceTimersByTime(24);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(TIMEOUT_TICK_MS);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(1_000_025);
    expect(fired[0]! - 1_000_025).toBeLessThanOrEqual(TIMEOUT_TICK_MS);
    expect(wheel.size).toBe(0);
  });

  it("keeps entries of later revolutions until their own deadline", () => {
    const wheel = new TimeoutWheel();
    const fired: number[] = [];
    // 5.12 s per revolution: these share slots with earlier ticks.
    wheel.add(entry(1_012_345, fired));
    wheel.add(entry(1_060_000, fired));
    vi.advanceTimersByTime(12_344);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(TIMEOUT_TICK_MS + 1);
    expect(fired).toHaveLength(1);
    expect(fired[0]! - 1_012_345).toBeLessThanOrEqual(TIMEOUT_TICK_MS);
    vi.advanceTimersByTime(60_000);
    expect(fired).toHaveLength(2);
    expect(fired[1]! - 1_060_000).toBeLessThanOrEqual(TIMEOUT_TICK_MS);
  });

  it("never expires a removed entry, and runs no timer while empty", () => {
    const wheel = new TimeoutWheel();
    const fired: number[] = [];
    const a = entry(1_000_050, fired);
    const b = entry(1_000_050, fired);
    wheel.add(a);
    wheel.add(b);
    expect(vi.getTimerCount()).toBe(1);
    wheel.remove(a);
    wheel.remove(a);
    vi.advanceTimersByTime(100);
    expect(fired).toHaveLength(1);
    expect(wheel.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    wheel.add(entry(1_000_200, fired));
    expect(vi.getTimerCount()).toBe(1);
    wheel.remove(b); // already expired: no effect
    expect(wheel.size).toBe(1);
  });

  it("expires a deadline already past at the next tick, and everything due after a stall", () => {
    const wheel = new TimeoutWheel();
    const fired: number[] = [];
    wheel.add(entry(999_000, fired));
    vi.advanceTimersByTime(TIMEOUT_TICK_MS);
    expect(fired).toHaveLength(1);
    const more = [1_000_100, 1_003_000, 1_009_000, 1_030_000].map((d) => entry(d, fired));
    for (const e of more) wheel.add(e);
    // The event loop was blocked for 20 s: the next tick expires every entry due by then.
    vi.setSystemTime(1_020_010);
    wheel.tick();
    expect(fired).toHaveLength(4);
    expect(wheel.size).toBe(1);
  });
});
