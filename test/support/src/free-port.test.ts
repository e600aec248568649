import { describe, expect, it } from "vitest";
import { isPortFree } from "../../../scripts/zk-ensemble.mjs";
import { freePort } from "./free-port.js";

describe("freePort", () => {
  it("hands out free ports below the ephemeral range, each once, from this worker's slice", async () => {
    const ports = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(300);
    const slice = 10_000 + (Number(process.env.VITEST_POOL_ID ?? 0) % 10) * 1000;
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(slice);
      expect(p).toBeLessThan(slice + 1000);
    }
    expect(await isPortFree(ports[299]!)).toBe(true);
  });
});
