import { defineJavaClass, getJavaClass, parseJavaType } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { HessianError } from "./hessian-error.js";
import { javaClassOf, tagJavaClass } from "./java-class-tag.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { classPlanOf } from "./write-plan.js";
import { HessianWriter } from "./writer.js";

// The generated per-class code (write-plan.ts: fields writer; class-shape.ts: fields reader,
// generated once a shape is hot) must behave exactly as the generic field loops: the same
// bytes, the same objects, poison keys dropped, errors naming the field.

defineJavaClass({
  name: "org.example.plans.Point",
  fields: { x: "int", y: "int", label: "java.lang.String" },
});
const POINTS = parseJavaType("java.util.List<org.example.plans.Point>");

function encode(value: unknown): Buffer {
  const out = new HessianWriter();
  new TypedWriter(out).write(value, POINTS, "points");
  return Buffer.from(out.toBuffer());
}

describe("generated class readers and writers", () => {
  it("encode and decode many instances identically before and after the code is generated", () => {
    const points = Array.from({ length: 50 }, (_, i) => ({ x: i, y: i * 2, label: `p${i}` }));
    const first = encode(points);
    const again = encode(points);
    expect(again.equals(first)).toBe(true);
    for (let round = 0; round < 3; round++) {
      const back = new HessianReader(first).readValue(POINTS) as Record<string, unknown>[];
      expect(back.map((p) => ({ ...p }))).toEqual(points);
      expect(back.every((p) => javaClassOf(p) === "org.example.plans.Point")).toBe(true);
    }
  });

  it("drops poison keys a peer puts in a registered class's definition, also once hot", () => {
    // 'C' Point, 3 fields: x, __proto__, label; then 40 instances (0x60 = the first class).
    const def = Buffer.concat([
      Buffer.from([0x43, 23]),
      Buffer.from("org.example.plans.Point"),
      Buffer.from([0x93, 1]),
      Buffer.from("x"),
      Buffer.from([9]),
      Buffer.from("__proto__"),
      Buffer.from([5]),
      Buffer.from("label"),
    ]);
    const instances = Array.from({ length: 40 }, (_, i) =>
      Buffer.from([0x60, 0x90 + (i % 40), 0x48, 0x5a, 0x01, 0x61]),
    );
    const body = Buffer.concat([Buffer.from([0x58, 0xc8, 40]), def, ...instances]);
    const back = new HessianReader(body).readValue(POINTS) as Record<string, unknown>[];
    expect(back).toHaveLength(40);
    back.forEach((p, i) => {
      expect(Object.keys(p)).toEqual(["x", "label"]);
      expect({ ...p }).toEqual({ x: i % 40, label: "a" });
      expect(Object.getPrototypeOf(Object.getPrototypeOf(p))).toBe(null);
    });
  });

  it("names the field and the element when a value does not fit, from the generated writer too", () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ x: i, y: 0, label: "ok" }));
    encode(points);
    const bad = [...points, { x: 1, y: "two", label: "bad" }];
    let error: unknown;
    try {
      encode(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HessianError);
    expect((error as Error).message).toMatch(/^points\[30\]\.y: expected an integer/);
  });

  it("keeps odd field names out of the generated source, as data, on both sides", () => {
    const odd = 'x"]; globalThis.pwned = true; //';
    defineJavaClass({
      name: "org.example.plans.Odd",
      fields: { [odd]: "int", "a-b": "java.lang.String", plain: "int" },
    });
    const type = parseJavaType("java.util.List<org.example.plans.Odd>");
    const items = Array.from({ length: 40 }, (_, i) => ({
      [odd]: i,
      "a-b": `v${i}`,
      plain: -i - 1,
    }));
    const out = new HessianWriter();
    new TypedWriter(out).write(items, type, "odd");
    const body = Buffer.from(out.toBuffer());
    for (let round = 0; round < 2; round++) {
      const back = new HessianReader(body).readValue(type) as Record<string, unknown>[];
      expect(back.map((p) => ({ ...p }))).toEqual(items);
    }
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it("generates the fields writer (the field loop is only for when code generation is refused)", () => {
    const plan = classPlanOf(getJavaClass("org.example.plans.Point")!);
    expect(plan.writeFields.name).toBe("writeFields");
  });

  it("writes each object of a list as its own class, also once the declared class is cached", () => {
    defineJavaClass({ name: "org.example.plans.Base", fields: { x: "int" } });
    class Sub {
      constructor(
        readonly x: number,
        readonly extra: string,
      ) {}
    }
    defineJavaClass({
      name: "org.example.plans.Sub",
      fields: { x: "int", extra: "java.lang.String" },
      ctor: Sub,
    });
    const type = parseJavaType("java.util.List<org.example.plans.Base>");
    const items = [{ x: 1 }, { x: 2 }, new Sub(3, "s"), { x: 4 }, new Sub(5, "t"), { x: 6 }];
    const out = new HessianWriter();
    new TypedWriter(out).write(items, type, "items");
    const back = new HessianReader(Buffer.from(out.toBuffer())).readValue(type) as object[];
    expect(back.map((v) => javaClassOf(v))).toEqual(
      items.map((v) => (v instanceof Sub ? "org.example.plans.Sub" : "org.example.plans.Base")),
    );
    expect(back.map((v) => ({ ...v }))).toEqual(items.map((v) => ({ ...v })));
  });

  it("writes a class registered again with its new definition", () => {
    defineJavaClass({ name: "org.example.plans.Again", fields: { x: "int" } });
    const type = parseJavaType("org.example.plans.Again");
    const write = () => {
      const out = new HessianWriter();
      new TypedWriter(out).write({ x: 1, y: "new" }, type, "again");
      return new HessianReader(Buffer.from(out.toBuffer())).readValue(type) as object;
    };
    expect({ ...write() }).toEqual({ x: 1 });
    defineJavaClass({
      name: "org.example.plans.Again",
      fields: { x: "int", y: "java.lang.String" },
    });
    expect({ ...write() }).toEqual({ x: 1, y: "new" });
  });

  it("writes decoded objects of an unregistered declared class by each one's wire class", () => {
    const type = parseJavaType("java.util.List<org.example.plans.NotRegistered>");
    const point = (x: number) =>
      tagJavaClass(
        Object.assign(Object.create(null), { x, y: x, label: "p" }),
        "org.example.plans.Point",
      );
    const base = (x: number) =>
      tagJavaClass(Object.assign(Object.create(null), { x }), "org.example.plans.Base");
    const items = [point(1), base(2), point(3), base(4)];
    const out = new HessianWriter();
    new TypedWriter(out).write(items, type, "items");
    const back = new HessianReader(Buffer.from(out.toBuffer())).readValue(type) as object[];
    expect(back.map((v) => javaClassOf(v))).toEqual(items.map((v) => javaClassOf(v)));
  });
});
