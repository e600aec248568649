import { afterEach, describe, expect, it, vi } from "vitest";
import { Heartbeat } from "./heartbeat.js";

describe("Heartbeat", () => {
  afterEach(() => vi.useRealTimers());

  function watched(interval: number) {
    const log: string[] = [];
    const heartbeat = new Heartbeat(interval, {
      send: () => log.push(`send@${Date.now()}`),
      dead: (idle) => log.push(`dead after ${idle}`),
    });
    return { heartbeat, log };
  }

  it("sends one heartbeat per interval without reads, and gives up after 3 intervals", async () => {
    vi.useFakeTimers({ now: 0 });
    const { heartbeat, log } = watched(100);
    heartbeat.start();
    await vi.advanceTimersByTimeAsync(350);
    expect(log).toEqual(["send@100", "send@200", "dead after 300"]);
  });

  it("sends nothing while reads keep coming", async () => {
    vi.useFakeTimers({ now: 0 });
    const { heartbeat, log } = watched(100);
    heartbeat.start();
    for (let t = 0; t < 10; t++) {
      await vi.advanceTimersByTimeAsync(50);
      heartbeat.read();
    }
    expect(log).toEqual([]);
    heartbeat.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual([]);
  });
});
