import { describe, expect, it } from "vitest";
import { cachedParse, KeyedTexts, RecentValues } from "./recent-values.js";

describe("RecentValues", () => {
  it("keeps at most its capacity: full, it starts over", () => {
    const cache = new RecentValues<number, string>(2);
    cache.put(1, "a");
    cache.put(2, "b");
    expect([cache.get(1), cache.get(2)]).toEqual(["a", "b"]);
    cache.put(3, "c");
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual([undefined, undefined, "c"]);
  });

  it("parses a text once while cached, and never caches a text that does not parse", () => {
    const seen: string[] = [];
    const parse = cachedParse(new RecentValues<string, number>(), (text) => {
      seen.push(text);
      return /^\d+$/.test(text) ? Number(text) : undefined;
    });
    expect([parse("12"), parse("12"), parse("x"), parse("x")]).toEqual([
      12,
      12,
      undefined,
      undefined,
    ]);
    expect(seen).toEqual(["12", "x", "x"]);
  });
});

describe("KeyedTexts", () => {
  it("answers only the key kept in a slot, whatever collides there, and never NaN", () => {
    const texts = new KeyedTexts(2); // 4 slots: most keys below collide
    const wrong: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (let key = 0; key < 200; key++) {
        const big = key * 2 ** 40 + key; // both 32-bit halves in play
        for (const k of [key, big]) {
          const kept = texts.get(k);
          if (kept !== undefined && kept !== `t${k}`) wrong.push(k);
          texts.put(k, `t${k}`);
          if (texts.get(k) !== `t${k}`) wrong.push(k);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(texts.get(Number.NaN)).toBeUndefined();
  });
});
