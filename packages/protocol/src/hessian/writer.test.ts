import { describe, expect, it } from "vitest";
import { HessianWriter } from "./writer.js";

function bytes(fn: (w: HessianWriter) => void): string {
  const w = new HessianWriter();
  fn(w);
  return w.toBuffer().toString("hex");
}

// Expected bytes follow HL Hessian2Output (apache/dubbo-hessian-lite) for the same Java values.
describe("HessianWriter", () => {
  it("writes ints in the four Hessian2Output.writeInt forms", () => {
    expect(bytes((w) => w.writeInt(0))).toBe("90");
    expect(bytes((w) => w.writeInt(-16))).toBe("80");
    expect(bytes((w) => w.writeInt(47))).toBe("bf");
    expect(bytes((w) => w.writeInt(48))).toBe("c830");
    expect(bytes((w) => w.writeInt(-2048))).toBe("c000");
    expect(bytes((w) => w.writeInt(2047))).toBe("cfff");
    expect(bytes((w) => w.writeInt(2048))).toBe("d40800");
    expect(bytes((w) => w.writeInt(-262144))).toBe("d00000");
    expect(bytes((w) => w.writeInt(262144))).toBe("4900040000");
    expect(bytes((w) => w.writeInt(-2147483648))).toBe("4980000000");
  });

  it("writes longs in the five Hessian2Output.writeLong forms, from numbers and bigints", () => {
    expect(bytes((w) => w.writeLong(0))).toBe("e0");
    expect(bytes((w) => w.writeLong(-8))).toBe("d8");
    expect(bytes((w) => w.writeLong(15n))).toBe("ef");
    expect(bytes((w) => w.writeLong(16))).toBe("f810");
    expect(bytes((w) => w.writeLong(-2048))).toBe("f000");
    expect(bytes((w) => w.writeLong(2048))).toBe("3c0800");
    expect(bytes((w) => w.writeLong(262144))).toBe("5900040000");
    expect(bytes((w) => w.writeLong(2 ** 31))).toBe("4c0000000080000000");
    expect(bytes((w) => w.writeLong(9223372036854775807n))).toBe("4c7fffffffffffffff");
    expect(bytes((w) => w.writeLong(-(2n ** 63n)))).toBe("4c8000000000000000");
  });

  it("writes doubles in the compact forms Hessian2Output.writeDouble picks", () => {
    expect(bytes((w) => w.writeDouble(0))).toBe("5b");
    expect(bytes((w) => w.writeDouble(-0))).toBe("5b");
    expect(bytes((w) => w.writeDouble(1))).toBe("5c");
    expect(bytes((w) => w.writeDouble(-128))).toBe("5d80");
    expect(bytes((w) => w.writeDouble(127))).toBe("5d7f");
    expect(bytes((w) => w.writeDouble(128))).toBe("5e0080");
    expect(bytes((w) => w.writeDouble(12.25))).toBe("5f00002fda");
    expect(bytes((w) => w.writeDouble(0.1))).toBe("5f00000064");
    expect(bytes((w) => w.writeDouble(Math.PI))).toBe("44400921fb54442d18");
    expect(bytes((w) => w.writeDouble(1e300))).toBe("447e37e43c8800759c");
  });

  it("writes dates as minutes when whole, else milliseconds", () => {
    expect(bytes((w) => w.writeDate(Date.UTC(1998, 4, 8, 9, 51, 0)))).toBe("4b00e3838f");
    expect(bytes((w) => w.writeDate(Date.UTC(1998, 4, 8, 9, 51, 31)))).toBe("4a000000d04b9284b8");
  });

  it("writes strings with UTF-16 lengths and CESU-8 bytes", () => {
    expect(bytes((w) => w.writeString(""))).toBe("00");
    expect(bytes((w) => w.writeString("hello"))).toBe("0568656c6c6f");
    // U+00E9: 2 bytes, 1 unit; U+4E2D: 3 bytes, 1 unit.
    expect(bytes((w) => w.writeString("é中"))).toBe("02c3a9e4b8ad");
    // U+1F600 is two UTF-16 units, each written as a 3-byte surrogate sequence (not f09f9880).
    expect(bytes((w) => w.writeString("😀"))).toBe("02eda0bdedb880");
    expect(bytes((w) => w.writeString("x".repeat(32))).slice(0, 4)).toBe("3020");
    expect(bytes((w) => w.writeString("x".repeat(1024))).slice(0, 6)).toBe("530400");
  });

  it("chunks long strings at 0x8000 units without splitting a surrogate pair", () => {
    const s = `${"a".repeat(0x7fff)}😀${"b".repeat(10)}`;
    const hex = bytes((w) => w.writeString(s));
    // First chunk 'R' of 0x7fff units: the high surrogate moves to the final chunk.
    expect(hex.slice(0, 6)).toBe("527fff");
    const rest = hex.slice(6 + 0x7fff * 2);
    expect(rest.slice(0, 2)).toBe("0c"); // 12 units: the pair plus 10 'b'
  });

  it("writes binary in short, medium and chunked forms", () => {
    expect(bytes((w) => w.writeBinary(Buffer.from([1, 2, 3])))).toBe("23010203");
    expect(bytes((w) => w.writeBinary(Buffer.alloc(16))).slice(0, 4)).toBe("3410");
    expect(bytes((w) => w.writeBinary(Buffer.alloc(1024))).slice(0, 6)).toBe("420400");
    const big = bytes((w) => w.writeBinary(Buffer.alloc(0x8001)));
    expect(big.slice(0, 6)).toBe("418000");
    expect(big.slice(6 + 0x8000 * 2)).toBe("2100");
  });

  it("reuses type strings and class definitions by index, and objects by reference", () => {
    const hex = bytes((w) => {
      w.writeListBegin(1, "[int");
      w.writeInt(1);
      w.writeListBegin(0, "[int");
      w.writeObjectBegin("a.B", ["x"]);
      w.writeInt(1);
      w.writeObjectBegin("a.B", ["x"]);
      w.writeInt(2);
      const o = {};
      expect(w.addRef(o)).toBe(false);
      expect(w.addRef(o)).toBe(true);
    });
    expect(hex).toBe(
      [
        "71",
        "045b696e74",
        "91",
        "70",
        "90",
        "43",
        "03612e42",
        "91",
        "0178",
        "60",
        "91",
        "60",
        "92",
        "5190",
      ].join(""),
    );
  });

  it("numbers objects in order and finds repeats, before and after the refs move to a Map", () => {
    const w = new HessianWriter();
    const objects = Array.from({ length: 100 }, (_, i) => ({ i }));
    const numbers: number[] = [];
    for (const [k, o] of objects.entries()) {
      if (k % 10 === 5) w.skipRef(); // a handle: takes a number, never referenced
      expect(w.addRef(o)).toBe(false);
      numbers.push(w.refCount - 1);
    }
    // Every object again: each is a back-reference 'Q' (0x51) to its own number.
    const start = w.length;
    for (const o of objects) expect(w.addRef(o)).toBe(true);
    const expected = new HessianWriter();
    for (const n of numbers) {
      expected.byte(0x51);
      expected.writeInt(n);
    }
    const body = w.toBuffer();
    expect(body.subarray(body.length - (w.length - start)).toString("hex")).toBe(
      expected.toBuffer().toString("hex"),
    );
  });

  it("keeps a reserved prefix for the frame header", () => {
    const w = new HessianWriter(16);
    w.writeNull();
    expect(w.length).toBe(1);
    expect(w.toBuffer().length).toBe(17);
    expect(w.toBuffer()[16]).toBe(0x4e);
  });

  it("writes binary in the short, two-byte and 'B' forms, and 0x8000-byte 'A' chunks before", () => {
    const data = (n: number) => Buffer.alloc(n, 0xab);
    expect(bytes((w) => w.writeBinary(data(3)))).toBe("23ababab");
    expect(bytes((w) => w.writeBinary(data(300))).slice(0, 4)).toBe("352c");
    expect(bytes((w) => w.writeBinary(data(2000))).slice(0, 6)).toBe("4207d0");
    const big = Buffer.from(
      bytes((w) => w.writeBinary(data(0x8000 + 5))),
      "hex",
    );
    expect(big.length).toBe(3 + 0x8000 + 1 + 5);
    expect(big.subarray(0, 3).toString("hex")).toBe("418000");
    expect(big[3 + 0x8000]).toBe(0x25);
  });
});
