import hessian from "hessian.js";
import { describe, expect, it } from "vitest";
import { HessianError } from "./hessian-error.js";
import { javaClassOf } from "./java-class-tag.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

const read = (hex: string | Buffer, options = {}) =>
  new HessianReader(
    typeof hex === "string" ? Buffer.from(hex, "hex") : hex,
    0,
    undefined,
    options,
  ).readValue();

const str = (s: string) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s)]);

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof HessianError) return e.kind;
    return `not a HessianError: ${String(e)}`;
  }
  return "no error";
}

describe("HessianReader", () => {
  it("reads every scalar form", () => {
    expect(read("90")).toBe(0);
    expect(read("c830")).toBe(48);
    expect(read("d00000")).toBe(-262144);
    expect(read("4980000000")).toBe(-2147483648);
    expect(read("e0")).toBe(0);
    expect(read("f000")).toBe(-2048);
    expect(read("3c0800")).toBe(2048);
    expect(read("5900040000")).toBe(262144);
    expect(read("4c001fffffffffffff")).toBe(2 ** 53 - 1);
    expect(read("5b")).toBe(0);
    expect(read("5c")).toBe(1);
    expect(read("5d80")).toBe(-128);
    expect(read("5e0080")).toBe(128);
    expect(read("5f00002fda")).toBe(12.25);
    expect(read("44400921fb54442d18")).toBe(Math.PI);
    expect(read("54")).toBe(true);
    expect(read("46")).toBe(false);
    expect(read("4e")).toBeNull();
    expect(read("4b00e3838f")).toEqual(new Date(Date.UTC(1998, 4, 8, 9, 51)));
    expect(read("4a000000d04b9284b8")).toEqual(new Date(Date.UTC(1998, 4, 8, 9, 51, 31)));
    expect(read("23010203")).toEqual(Buffer.from([1, 2, 3]));
  });

  it("reads CESU-8 and 4-byte UTF-8 emoji, and chunked strings", () => {
    expect(read("02eda0bdedb880")).toBe("😀");
    expect(read("02f09f9880")).toBe("😀");
    expect(
      read(
        Buffer.concat([
          Buffer.from("520003", "hex"),
          Buffer.from("abc"),
          Buffer.from("0164", "hex"),
        ]),
      ),
    ).toBe("abcd");
  });

  it("reads variable-length lists 0x55/0x57 that hessian.js rejects (P13)", () => {
    expect(read("57919293" + "5a")).toEqual([1, 2, 3]);
    expect(read("55045b696e74" + "9192" + "5a")).toEqual([1, 2]);
  });

  it("reads what hessian.js writes, and hessian.js reads what we write", () => {
    const value = { a: [1, "x", true, null], b: { c: 2.5 }, s: "é😀" };
    expect(read(hessian.encode(value, "2.0"))).toEqual(value);
    const w = new HessianWriter();
    new TypedWriter(w).write(value, undefined, "v");
    expect(hessian.decode(Buffer.from(w.toBuffer()), "2.0")).toEqual(value);
  });

  it("resolves back-references, including an object that refers to itself", () => {
    // C "E" 1 "cause", O 0, Q 0
    const buf = Buffer.concat([
      Buffer.from("43", "hex"),
      str("E"),
      Buffer.from("91", "hex"),
      str("cause"),
      Buffer.from("605190", "hex"),
    ]);
    const e = read(buf) as { cause: unknown };
    expect(e.cause).toBe(e);
    expect(javaClassOf(e)).toBe("E");
  });

  describe("on hostile input (docs/hostile-input-and-failures.md C2)", () => {
    it("P1/P1b/P1c: drops __proto__, constructor and prototype keys; objects have no prototype", () => {
      const map = Buffer.concat([
        Buffer.from("48", "hex"),
        str("__proto__"),
        Buffer.concat([Buffer.from("48", "hex"), str("isAdmin"), Buffer.from("545a", "hex")]),
        str("constructor"),
        Buffer.from("91", "hex"),
        str("ok"),
        Buffer.from("91", "hex"),
        Buffer.from("5a", "hex"),
      ]);
      const m = read(map) as Record<string, unknown>;
      expect(Object.getPrototypeOf(m)).toBeNull();
      expect(m.isAdmin).toBeUndefined();
      expect(Object.keys(m)).toEqual(["ok"]);
      const typed = Buffer.concat([
        Buffer.from("4d", "hex"),
        str("x.Y"),
        str("__proto__"),
        Buffer.from("915a", "hex"),
      ]);
      expect(Object.keys(read(typed) as object)).toEqual([]);
      const classDef = Buffer.concat([
        Buffer.from("43", "hex"),
        str("x.Y"),
        Buffer.from("92", "hex"),
        str("__proto__"),
        str("prototype"),
        Buffer.from("60", "hex"),
        Buffer.concat([Buffer.from("48", "hex"), str("isAdmin"), Buffer.from("545a", "hex")]),
        Buffer.from("91", "hex"),
      ]);
      const o = read(classDef) as Record<string, unknown>;
      expect(o.isAdmin).toBeUndefined();
      expect(Object.keys(o)).toEqual([]);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it("P3: bounds nesting depth instead of overflowing the stack", () => {
      const deep = Buffer.alloc(100_000, 0x79); // 1-element untyped lists nested 100k deep
      expect(kindOf(() => read(deep))).toBe("limit");
      const maps = Buffer.alloc(100_000, 0x48);
      expect(kindOf(() => read(maps))).toBe("limit");
      expect(kindOf(() => read(Buffer.alloc(20, 0x79), { limits: { maxDepth: 5 } }))).toBe("limit");
    });

    it("P4: reads 100k empty string chunks in a loop, without recursion", () => {
      const chunks = Buffer.concat([Buffer.alloc(3 * 100_000), Buffer.from("0161", "hex")]);
      for (let i = 0; i < 100_000; i++) chunks[i * 3] = 0x52;
      expect(read(chunks)).toBe("a");
    });

    it("P5/P7: truncation is a HessianError, never a TypeError or RangeError", () => {
      for (const hex of [
        "",
        "58",
        "58d40fff",
        "4c0001",
        "49",
        "0568656c",
        "43",
        "4301",
        "48",
        "7a",
        "52ffff",
        "42ffff01",
      ]) {
        expect(
          kindOf(() => read(hex)),
          hex,
        ).toBe("truncated");
      }
      expect(kindOf(() => read("4301789f"))).toBe("malformed"); // class def claiming -1 fields
      expect(kindOf(() => read("58497fffffff"))).toBe("limit"); // a 2^31-1 element list is refused unread
    });

    it("P6: a binary longer than the body is an error, not silently truncated", () => {
      expect(kindOf(() => read("42ffff010203"))).toBe("truncated");
    });

    it("P8/P8b/P9: bounds the number of decoded objects per body", () => {
      const many = Buffer.alloc(2 + 2 * 300_000);
      many[0] = 0x57;
      for (let i = 0; i < 300_000; i++) {
        many[1 + i * 2] = 0x48;
        many[2 + i * 2] = 0x5a;
      }
      many[many.length - 1] = 0x5a;
      expect(kindOf(() => read(many))).toBe("limit");
      const refs = Buffer.alloc(1 + 2 * 300_000 + 1);
      refs[0] = 0x57;
      for (let i = 0; i < 300_000; i++) {
        refs[1 + i * 2] = 0x51;
        refs[2 + i * 2] = 0x90;
      }
      refs[refs.length - 1] = 0x5a;
      expect(kindOf(() => read(refs))).toBe("limit");
      expect(
        kindOf(() => read(`5895${"90".repeat(5)}`, { limits: { maxCollectionLength: 4 } })),
      ).toBe("limit");
    });

    it("P10/P11: references to nothing and objects without a class are malformed", () => {
      expect(kindOf(() => read("5195"))).toBe("malformed");
      expect(kindOf(() => read("60"))).toBe("malformed");
      expect(kindOf(() => read("7190"))).toBe("malformed"); // type ref 0 undefined
    });

    it("P12: a long beyond 2^53 is an error naming it, or a bigint with longs=bigint", () => {
      expect(() => read("4c7fffffffffffffff")).toThrow(/9223372036854775807/);
      expect(read("4c7fffffffffffffff", { longs: "bigint" })).toBe(9223372036854775807n);
      expect(read("e1", { longs: "bigint" })).toBe(1n);
    });

    it("P14: a date outside the JS range is malformed, not Invalid Date", () => {
      expect(kindOf(() => read("4a7fffffffffffffff"))).toBe("malformed");
    });

    it("rejects unknown codes and bad UTF-8 lead bytes", () => {
      expect(kindOf(() => read("40"))).toBe("malformed");
      expect(kindOf(() => read("01ff"))).toBe("malformed");
    });
  });
});
