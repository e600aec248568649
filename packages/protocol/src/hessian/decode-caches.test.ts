import { defineJavaClass, parseJavaType } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { hessianErrorOf } from "../../test/support.js";
import { readCesu8, writeCesu8 } from "./cesu8.js";
import { javaClassOf } from "./java-class-tag.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

// The decoder's caches across bodies (string-cache.ts, value-memo.ts, class-def-cache.ts) may
// only save work: every body decodes to what a fresh reader without them would give, whatever
// was decoded before, and hostile bodies still hit the limits.

const HANDLES = "com.alibaba.com.caucho.hessian.io.java8.";
const LDT = [`${HANDLES}LocalDateTimeHandle`, ["time", "date"]] as const;
const LT = [`${HANDLES}LocalTimeHandle`, ["nano", "second", "minute", "hour"]] as const;
const LD = [`${HANDLES}LocalDateHandle`, ["day", "month", "year"]] as const;

function decode(body: Buffer, options = {}): unknown {
  return new HessianReader(body, 0, body.length, options).readValue();
}

function cesu8(s: string): Buffer {
  const buf = Buffer.alloc(s.length * 3);
  return buf.subarray(0, writeCesu8(buf, 0, s));
}

/** A LocalDateHandle, or a LocalTimeHandle, with its fields (class definitions as needed). */
function date(w: HessianWriter, y: number, m: number, d: number): void {
  w.writeObjectBegin(...LD);
  w.writeInt(d);
  w.writeInt(m);
  w.writeInt(y);
}

function time(w: HessianWriter, h: number, min: number): void {
  w.writeObjectBegin(...LT);
  w.writeInt(0);
  w.writeInt(0);
  w.writeInt(min);
  w.writeInt(h);
}

describe("the string cache", () => {
  it("tells apart non-ASCII strings with a long common prefix and the same length", () => {
    const strings = Array.from(
      { length: 40 },
      (_, i) => `北京市 中关村 中关村大街1号 ${i % 10}${"号".repeat(i % 3)}`,
    );
    const wrong: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const s of strings) {
        const bytes = Buffer.concat([cesu8(s), Buffer.from("号z")]);
        const { value, next } = readCesu8(bytes, 0, bytes.length, s.length);
        if (value !== s || next !== bytes.length - 4) wrong.push(s);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("does not answer a cached string when the body ends inside its bytes", () => {
    const s = "联想联想";
    const bytes = cesu8(s);
    expect(readCesu8(bytes, 0, bytes.length, 4).value).toBe(s);
    // The same first bytes, cut short: the hit would need bytes past the end.
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(() => readCesu8(cut, 0, cut.length, 4)).toThrow(/truncated/);
  });
});

describe("java.time handles replayed from their bytes", () => {
  it("follows the class definitions of each body, not the bytes alone", () => {
    // The same date-time bytes (0x62 | 0x60 four ints | 0x61 three ints) after definitions in
    // another order: in the second body 0x60 is a LocalDateHandle, so it must be read (and is
    // invalid), not replayed.
    const body = (first: "time" | "date") => {
      const w = new HessianWriter();
      w.writeListBegin(3, null);
      if (first === "time") time(w, 10, 15);
      date(w, 2024, 5, 1);
      if (first === "date") time(w, 10, 15);
      w.writeObjectBegin(...LDT);
      w.byte(0x60);
      for (const v of [0, 0, 15, 10]) w.writeInt(v);
      w.byte(0x61);
      for (const v of [1, 5, 2024]) w.writeInt(v);
      return Buffer.from(w.toBuffer());
    };
    const expected = ["10:15:00", "2024-05-01", "2024-05-01T10:15:00"];
    expect(decode(body("time"))).toEqual(expected);
    expect(decode(body("time"))).toEqual(expected);
    expect(hessianErrorOf(() => decode(body("date"))).message).toMatch(/invalid .*LocalDateHandle/);
  });

  it("checks date-time fields that are strings rather than the handles just read", () => {
    const body = (dateText: string) => {
      const w = new HessianWriter();
      w.writeListBegin(2, null);
      date(w, 2024, 2, 29); // resolved to "2024-02-29" just before
      w.writeObjectBegin(...LDT);
      time(w, 10, 15);
      w.writeString(dateText); // a string where a LocalDateHandle belongs
      return Buffer.from(w.toBuffer());
    };
    expect(decode(body("2024-02-29"))).toEqual(["2024-02-29", "2024-02-29T10:15:00"]);
    expect(decode(body("2024-03-01"))).toEqual(["2024-02-29", "2024-03-01T10:15:00"]);
    for (const bad of ["2023-02-29", "", "2024-02-29x", "2024-13-01"]) {
      expect(hessianErrorOf(() => decode(body(bad))).message).toMatch(
        /invalid .*LocalDateTimeHandle/,
      );
    }
  });

  it("reads a handle with a back-reference again in every body (it depends on the body)", () => {
    const body = (day: number) => {
      const w = new HessianWriter();
      w.writeListBegin(3, null); // ref 0
      w.writeObjectBegin(...LDT); // refs 1-3, with every class definition
      time(w, 8, 30);
      date(w, 2000, 1, 1);
      date(w, 2000, 1, day); // ref 4
      w.writeObjectBegin(...LDT); // ref 5
      time(w, 8, 30); // ref 6
      w.byte(0x51); // date: 'Q' 4, the handle above
      w.writeInt(4);
      return Buffer.from(w.toBuffer());
    };
    const at = (day: number) => [
      "2000-01-01T08:30:00",
      `2000-01-0${day}`,
      `2000-01-0${day}T08:30:00`,
    ];
    expect(decode(body(1))).toEqual(at(1));
    expect(decode(body(1))).toEqual(at(1));
    expect(decode(body(2))).toEqual(at(2));
  });

  it("takes the same reference slots and object budget when replayed", () => {
    const w = new HessianWriter();
    w.writeListBegin(4, null); // ref 0
    for (let i = 0; i < 2; i++) {
      w.writeObjectBegin(...LDT); // refs 1-3, 4-6
      time(w, 23, 59);
      date(w, 1999, 12, 31);
    }
    w.byte(0x51); // 'Q' 4: the second date-time
    w.writeInt(4);
    w.byte(0x51); // 'Q' 6: its date
    w.writeInt(6);
    const body = Buffer.from(w.toBuffer());
    for (let round = 0; round < 3; round++) {
      expect(decode(body)).toEqual([
        "1999-12-31T23:59:00",
        "1999-12-31T23:59:00",
        "1999-12-31T23:59:00",
        "1999-12-31",
      ]);
    }
    // 3 class definitions + 1 list + 6 handles + 2 references; replayed handles count as read ones.
    expect(decode(body, { limits: { maxObjects: 12 } })).toHaveLength(4);
    expect(hessianErrorOf(() => decode(body, { limits: { maxObjects: 11 } })).kind).toBe("limit");
  });
});

describe("class definitions kept by their bytes", () => {
  it("applies a registration made after the same definition was decoded", () => {
    const name = "org.example.caches.Level";
    const w = new HessianWriter();
    w.writeObjectBegin(name, ["name"]);
    w.writeString("HIGH");
    const body = Buffer.from(w.toBuffer());
    const before = decode(body) as Record<string, unknown>;
    expect(javaClassOf(before)).toBe(name);
    expect({ ...before }).toEqual({ name: "HIGH" });
    defineJavaClass({ name, fields: { name: "java.lang.String" }, enumValues: ["LOW", "HIGH"] });
    expect(decode(body)).toBe("HIGH");
  });

  it("tells apart classes whose names differ only where the cache's hash does not look", () => {
    const body = (first: string, field: string) => {
      const w = new HessianWriter();
      w.writeObjectBegin(`${first}org.example.ClassXY`, [field]);
      w.writeInt(7);
      return Buffer.from(w.toBuffer());
    };
    for (let round = 0; round < 3; round++) {
      for (const [first, field] of [
        ["a", "x"],
        ["b", "y"],
      ] as const) {
        const back = decode(body(first, field)) as Record<string, unknown>;
        expect(javaClassOf(back)).toBe(`${first}org.example.ClassXY`);
        expect({ ...back }).toEqual({ [field]: 7 });
      }
    }
  });

  it("still checks a kept definition against the reader's limits", () => {
    const w = new HessianWriter();
    w.writeObjectBegin("org.example.caches.Pair", ["a", "b"]);
    w.writeInt(1);
    w.writeInt(2);
    const body = Buffer.from(w.toBuffer());
    expect({ ...(decode(body) as object) }).toEqual({ a: 1, b: 2 });
    const e = hessianErrorOf(() => decode(body, { limits: { maxCollectionLength: 1 } }));
    expect(e.message).toMatch(/class definition with 2 fields/);
    expect(parseJavaType("int").name).toBe("int");
  });
});

describe("declared field and element fast paths", () => {
  it("read every encoding of ints, longs and strings as readValue does", () => {
    const ints = [
      0,
      -16,
      47,
      48,
      -2048,
      2047,
      2048,
      -262144,
      262143,
      262144,
      2 ** 31 - 1,
      -(2 ** 31),
    ];
    const longs = [0, -8, 15, 16, -2048, 2047, 2048, 2 ** 40, -(2 ** 40)];
    const strings = ["", "a", "é", "x".repeat(31), "y".repeat(32), "z".repeat(1100), "联想"];
    for (const [type, values] of [
      ["java.util.List<java.lang.Integer>", [...ints, null]],
      ["java.util.List<java.lang.Long>", [...longs, null]],
      ["java.util.List<java.lang.String>", [...strings, null]],
    ] as const) {
      const w = new HessianWriter();
      new TypedWriter(w).write(values, type, "values");
      const body = Buffer.from(w.toBuffer());
      for (let round = 0; round < 2; round++) {
        const typed = new HessianReader(body).readValue(parseJavaType(type));
        expect(typed).toEqual(values);
        expect(new HessianReader(body).readValue()).toEqual(values);
      }
      // Every element cut short still fails as a truncation, never with a wrong value.
      for (let cut = 1; cut < body.length; cut++) {
        const short = body.subarray(0, cut);
        const e = hessianErrorOf(() => new HessianReader(short).readValue(parseJavaType(type)));
        expect(e.kind).toBe("truncated");
      }
    }
  });
});
