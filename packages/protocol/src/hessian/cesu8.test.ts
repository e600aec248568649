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

describe("writeCesu8", () => {
  /** CESU-8 by definition: every UTF-16 unit, surrogates included, as its own 1–3 byte sequence. */
  function reference(s: string): Buffer {
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      if (u < 0x80) bytes.push(u);
      else if (u < 0x800) bytes.push(0xc0 | (u >> 6), 0x80 | (u & 0x3f));
      else bytes.push(0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f));
    }
    return Buffer.from(bytes);
  }

  it("writes short and long strings, ASCII or not, with or without surrogates, as CESU-8", () => {
    const long = "https://www.example.com/img/logo.png?size=";
    const cases = [
      "",
      "Doug Lea",
      long, // ASCII, past the native-encoder threshold
      `北京市 中关村 中关村大街1号 鼎好大厦 1605 ${long}`, // non-ASCII, no surrogate
      `${long}😀`, // a surrogate pair: UTF-8 would write one 4-byte sequence
      `${long}\uD800`, // a lone high surrogate: UTF-8 would write U+FFFD
      `\uDC00${long}`, // a lone low surrogate
      `${long}\uFFFD`, // a real U+FFFD (same UTF-8 bytes as a replaced lone surrogate)
      `${long}é${"联".repeat(40)}`,
    ];
    for (const s of cases) {
      // Concatenated at run time (a cons string for the engine) and as a flat literal.
      for (const text of [s, [...s].join("")]) {
        expect(encoded(text).toString("hex"), JSON.stringify(text)).toBe(
          reference(s).toString("hex"),
        );
      }
    }
  });
});
