import { describe, expect, it } from "vitest";
import { javaHashCode, javaHashMapOrder, javaLongHashCode } from "./java-hash-order.js";

describe("Java HashMap iteration order", () => {
  it("computes String, Integer, Long and Boolean hashCode as Java does", () => {
    expect(javaHashCode("path")).toBe(3433509);
    expect(javaHashCode("")).toBe(0);
    expect(javaHashCode("😀")).toBe(1772899); // two UTF-16 units
    expect(javaHashCode(-1)).toBe(-1);
    expect(javaLongHashCode(-1)).toBe(0); // (int)(v ^ (v >>> 32))
    expect(javaLongHashCode(2n ** 32n + 5n)).toBe(4);
    expect(javaHashCode(true)).toBe(1231);
    expect(javaHashCode({})).toBeUndefined();
  });

  it("orders keys by bucket, then insertion (docs/wire-format.md's sayHello attachments)", () => {
    const keys = ["timeout", "version", "interface", "path"];
    expect(javaHashMapOrder(keys).map((i) => keys[i])).toEqual([
      "path",
      "interface",
      "version",
      "timeout",
    ]);
  });

  it("grows the table past 12 entries like HashMap.resize", () => {
    const keys = Array.from({ length: 13 }, (_, i) => i * 16);
    // With 16 buckets all keys collide in bucket 0; with 32 the odd multiples of 16 move to bucket 16.
    const order = javaHashMapOrder(keys).map((i) => keys[i]);
    expect(order).toEqual([0, 32, 64, 96, 128, 160, 192, 16, 48, 80, 112, 144, 176]);
  });

  it("keeps insertion order when a key has no Java hashCode", () => {
    expect(javaHashMapOrder([{}, "a"])).toEqual([0, 1]);
  });
});
