import { defineJavaClass, parseJavaType } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { javaClassOf } from "./java-class-tag.js";
import { javaFieldOrder } from "./java-field-order.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

const brand = defineJavaClass({
  name: "com.jd.pojo.TbBrand",
  fields: { id: "java.lang.Long", name: "java.lang.String", firstChar: "java.lang.String" },
});
defineJavaClass({ name: "com.jd.pojo.Color", fields: {}, enumValues: ["RED", "GREEN"] });
defineJavaClass({
  name: "com.jd.pojo.Goods",
  fields: {
    id: "long",
    price: "java.math.BigDecimal",
    created: "java.util.Date",
    brand: "com.jd.pojo.TbBrand",
    tags: "java.util.List<java.lang.String>",
    color: "com.jd.pojo.Color",
    stock: "java.util.Map<java.lang.Long, java.lang.Integer>",
  },
});

function encode(value: unknown, type: string, generic = false): Buffer {
  const w = new HessianWriter();
  new TypedWriter(w, generic).write(value, type, "value");
  return Buffer.from(w.toBuffer());
}

function roundTrip(value: unknown, type: string, longs: "number" | "bigint" = "number"): unknown {
  return new HessianReader(encode(value, type), 0, undefined, { longs }).readValue(
    parseJavaType(type),
  );
}

describe("TypedWriter", () => {
  it("orders DTO fields as HL JavaSerializer does (java.lang fields, then others, reversed)", () => {
    expect(javaFieldOrder(brand)).toEqual(["firstChar", "name", "id"]);
    const hex = encode({ id: 1, name: "Huawei", firstChar: "H" }, "com.jd.pojo.TbBrand").toString(
      "hex",
    );
    const expected = [
      "43", // 'C'
      `13${Buffer.from("com.jd.pojo.TbBrand").toString("hex")}`,
      "93", // 3 fields
      `09${Buffer.from("firstChar").toString("hex")}`,
      `04${Buffer.from("name").toString("hex")}`,
      `02${Buffer.from("id").toString("hex")}`,
      "60", // instance of class def 0
      `01${Buffer.from("H").toString("hex")}`,
      `06${Buffer.from("Huawei").toString("hex")}`,
      "e1", // Long 1
    ].join("");
    expect(hex).toBe(expected);
  });

  it("round-trips a nested DTO with BigDecimal, Date, List, enum and a Long-keyed map", () => {
    const goods = {
      id: 42,
      price: "19.90",
      created: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
      brand: { id: 7, name: "小米", firstChar: "X" },
      tags: ["a", "😀"],
      color: "GREEN",
      stock: new Map([
        [1, 10],
        [2, 20],
      ]),
    };
    const back = roundTrip(goods, "com.jd.pojo.Goods") as Record<string, unknown>;
    expect(back).toEqual(goods);
    expect(javaClassOf(back)).toBe("com.jd.pojo.Goods");
    expect(javaClassOf(back.brand)).toBe("com.jd.pojo.TbBrand");
    expect(back instanceof Object).toBe(false); // no Object.prototype in its chain
  });

  it("accepts a plain object for a Long-keyed map and writes Long keys", () => {
    const back = roundTrip(
      { "1": "a", "3": "b" },
      "java.util.Map<java.lang.Long, java.lang.String>",
    );
    expect(back).toEqual(
      new Map([
        [1, "a"],
        [3, "b"],
      ]),
    );
  });

  it("writes arrays as HL does: [int, [string, [java.lang.Long, byte[] as binary, char[] as string", () => {
    expect(encode([1, 2], "int[]").toString("hex")).toBe(`72045b696e749192`);
    expect(encode(["a"], "java.lang.String[]").toString("hex")).toBe(`71075b737472696e670161`);
    expect(encode([1], "java.lang.Long[]").subarray(1, 17).toString()).toBe("\x0f[java.lang.Long");
    expect(encode(Buffer.from([1, 2]), "byte[]").toString("hex")).toBe("220102");
    expect(encode("ab", "char[]").toString("hex")).toBe("026162");
    expect(roundTrip([[1], [2, 3]], "int[][]")).toEqual([[1], [2, 3]]);
  });

  it("writes List as an untyped list (ArrayList) and Set as java.util.HashSet", () => {
    expect(encode(["x"], "java.util.List<java.lang.String>").toString("hex")).toBe("790178");
    expect(encode(new Set(["x"]), "java.util.Set<java.lang.String>")[0]).toBe(0x71);
  });

  it("writes a repeated enum constant as a back-reference, as Java's singleton enums are", () => {
    const hex = encode(["RED", "RED"], "java.util.List<com.jd.pojo.Color>").toString("hex");
    expect(hex.endsWith("5191")).toBe(true); // second RED → ref 1 (the list itself is ref 0)
    expect(roundTrip(["RED", "RED", "GREEN"], "java.util.List<com.jd.pojo.Color>")).toEqual([
      "RED",
      "RED",
      "GREEN",
    ]);
  });

  it("applies the long policy: numbers by default, bigint always with longs=bigint", () => {
    expect(roundTrip(5, "long")).toBe(5);
    expect(roundTrip(5, "long", "bigint")).toBe(5n);
    expect(roundTrip(2n ** 62n, "long", "bigint")).toBe(2n ** 62n);
    expect(() => roundTrip(2n ** 62n, "long")).toThrow(/4611686018427387904 is outside/);
    expect(() => encode(2 ** 60, "long")).toThrow(/not a safe integer/);
    expect(() => encode(1.5, "long")).toThrow(/not a safe integer/);
  });

  it("infers Java types for Object values", () => {
    const back = roundTrip(
      {
        s: "x",
        i: 1,
        l: 2 ** 40,
        d: 1.5,
        b: true,
        big: 3n,
        when: new Date(0),
        list: [1],
        map: new Map([[1, 2]]),
      },
      "java.lang.Object",
    );
    expect(back).toEqual({
      s: "x",
      i: 1,
      l: 2 ** 40,
      d: 1.5,
      b: true,
      big: 3,
      when: new Date(0),
      list: [1],
      map: new Map([[1, 2]]),
    });
  });

  it("generalizes DTOs for generic calls: a HashMap with a class key", () => {
    const back = new HessianReader(
      encode({ id: 1, name: "n", firstChar: "N" }, "com.jd.pojo.TbBrand", true),
    ).readValue();
    expect(back).toEqual({ class: "com.jd.pojo.TbBrand", id: 1, name: "n", firstChar: "N" });
    expect(javaClassOf(back)).toBeUndefined();
  });

  it("rejects unregistered classes, wrong types and nulls for primitives with the value's place", () => {
    expect(() => encode({}, "com.x.Unknown")).toThrow(/com.x.Unknown is not registered/);
    expect(() => encode("x", "int")).toThrow(/value: expected an integer/);
    expect(() => encode(null, "int")).toThrow(/null for primitive int/);
    expect(() => encode("BLUE", "com.jd.pojo.Color")).toThrow(/enum com.jd.pojo.Color/);
    expect(() => encode("12a", "java.math.BigDecimal")).toThrow(/BigDecimal/);
    // The place of a nested bad value is named (built only when the error happens).
    const list = [
      { id: 1, name: "a", firstChar: "A" },
      { id: 1.5, name: "b", firstChar: "B" },
    ];
    expect(() => encode(list, "java.util.List<com.jd.pojo.TbBrand>")).toThrow(
      /^value\[1\]\.id: 1.5 is not a safe integer/,
    );
    expect(() => encode([1, 2, "3"], "java.util.List<java.lang.Integer>")).toThrow(
      /^value\[2\]: expected an integer/,
    );
    expect(encode([1, null, 3], "java.util.List<java.lang.Integer>").toString("hex")).toBe(
      encode([1, null, 3], "java.util.List<java.lang.Object>").toString("hex"),
    );
    expect(() =>
      encode(new Map([["k", "v"]]), "java.util.Map<java.lang.String, java.lang.Integer>"),
    ).toThrow(/^value value: expected an integer/);
  });
});
