import { seededRandom } from "@dubbo-ts/core/testing";
import { describe, expect, it } from "vitest";
import { readCesu8, writeCesu8 } from "./cesu8.js";

function encoded(s: string): Buffer {
  const buf = Buffer.alloc(s.length * 3 + 8);
  return buf.subarray(0, writeCesu8(buf, 0, s));
}

describe("readCesu8", () => {
  it("decodes thousands of short ASCII strings right, repeated and in any order (cache hits, misses and collisions)", () => {
    const random = seededRandom(7);
    const strings = Array.from({ length: 20_000 }, () => {
      const length = 1 + Math.floor(random() * 8);
      return Array.from({ length }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join(
        "",
      );
    });
    // Mismatches are collected and compared once: 40,000 expect() calls are slow on a loaded machine.
    const wrong: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (const s of strings) {
        const bytes = encoded(s);
        const { value, next } = readCesu8(bytes, 0, bytes.length, s.length);
        if (value !== s || next !== bytes.length) wrong.push(s);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("tells apart strings that differ only in bytes the cache's hash does not look at", () => {
    const variants = ["a0cdefgh", "a1cdefgh", "a0cdefgh", "abc0efgh", "abc1efgh", "a1cdefgh"];
    for (const s of variants) {
      const bytes = encoded(s);
      expect(readCesu8(bytes, 0, bytes.length, s.length).value).toBe(s);
    }
  });

  it("decodes long ASCII strings, the empty string and non-ASCII ones", () => {
    for (const s of ["", "x".repeat(64), "y".repeat(65), "z".repeat(5000), "联想 Brand 😀", "é"]) {
      const bytes = Buffer.concat([Buffer.from("ab"), encoded(s), Buffer.from("cd")]);
      expect(readCesu8(bytes, 2, bytes.length, s.length)).toEqual({
        value: s,
        next: bytes.length - 2,
      });
    }
  });

  it("caches short non-ASCII strings without confusing them with ASCII ones of the same bytes", () => {
    // "éa" is 3 bytes (c3 a9 61), as are the first 3 of "éab": a cached hit must also have the
    // number of UTF-16 units the wire asks for, or the string would end early.
    const random = seededRandom(11);
    const alphabet = ["é", "a", "b", "联", "想", "😀", " "];
    const strings = Array.from({ length: 5_000 }, () =>
      Array.from(
        { length: 1 + Math.floor(random() * 6) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join(""),
    );
    const wrong: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (const s of ["éa", "éab", ...strings]) {
        const bytes = Buffer.concat([encoded(s), Buffer.from("zz")]);
        const { value, next } = readCesu8(bytes, 0, bytes.length, s.length);
        if (value !== s || next !== bytes.length - 2) wrong.push(s);
      }
    }
    expect(wrong).toEqual([]);
  });
});
