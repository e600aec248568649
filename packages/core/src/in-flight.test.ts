import { describe, expect, it } from "vitest";
import { createInFlight } from "./in-flight.js";

describe("createInFlight", () => {
  it("is idle at once when nothing runs", async () => {
    await expect(createInFlight().whenIdle(0)).resolves.toBe(true);
  });

  it("wakes every waiter when the last call ends", async () => {
    const calls = createInFlight();
    calls.begin();
    calls.begin();
    const a = calls.whenIdle(10_000);
    const b = calls.whenIdle(10_000);
    calls.end();
    expect(calls.count).toBe(1);
    calls.end();
    await expect(Promise.all([a, b])).resolves.toEqual([true, true]);
  });

  it("gives up at the timeout and forgets the waiter", async () => {
    const calls = createInFlight();
    calls.begin();
    await expect(calls.whenIdle(5)).resolves.toBe(false);
    calls.end();
    expect(calls.count).toBe(0);
  });
});
