import { describe, expect, it } from "vitest";
import { ByteReader, decodeModifiedUtf8 } from "./byte-reader.js";

describe("modified UTF-8", () => {
  it("decodes ASCII, 2- and 3-byte forms, C0 80 as NUL and surrogate pairs (CESU-8)", () => {
    expect(decodeModifiedUtf8(Uint8Array.from([0x41, 0xc0, 0x80, 0x42]))).toBe("A\u0000B");
    expect(decodeModifiedUtf8(new TextEncoder().encode("品牌"))).toBe("品牌");
    // U+1F600 as two 3-byte surrogates: ED A0 BD, ED B8 80
    expect(decodeModifiedUtf8(Uint8Array.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]))).toBe("😀");
  });
});

describe("ByteReader", () => {
  it("reads big-endian numbers and refuses to read past the end", () => {
    const r = new ByteReader(Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x34]), "X.class");
    expect(r.u4()).toBe(0xcafebabe);
    expect(r.u2()).toBe(52);
    expect(() => r.u1()).toThrow(/X.class: truncated at byte 6/);
  });
});
