import { defineJavaClass, parseJavaType } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { hessianErrorOf } from "../../test/support.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

// What makes java.time cheap without changing a byte or a reference number: a text written again
// in the same body is copied from the handles written for it last (java-time.ts), and the reader
// reads handles into one reused record per class (reader.ts objectAfter).

defineJavaClass({ name: "com.example.reuse.Tag", fields: { name: "java.lang.String" } });

const HANDLES = "com.alibaba.com.caucho.hessian.io.java8.";

function decode(body: Buffer, type?: string): unknown {
  return new HessianReader(body).readValue(type === undefined ? undefined : parseJavaType(type));
}

describe("java.time handles written and read again", () => {
  it("writes a repeated text as the bytes of its last handles, counting them again", () => {
    const LDT = "java.time.LocalDateTime";
    const tag = { name: "t" };
    const w = new HessianWriter();
    const tw = new TypedWriter(w);
    w.addRef([]); // the list itself: ref 0
    w.writeListBegin(6, null);
    const at = [w.length];
    tw.write("2024-05-01T10:15:30", LDT, "[0]"); // refs 1-3, with the class definitions
    at.push(w.length);
    tw.write("2024-05-01T10:15:30", LDT, "[1]"); // refs 4-6, written
    at.push(w.length);
    tw.write("2024-05-01T10:15:30", LDT, "[2]"); // refs 7-9, copied from [1]
    at.push(w.length);
    tw.write("2024-05-02T10:15:30", LDT, "[3]"); // refs 10-12
    tw.write(tag, "com.example.reuse.Tag", "[4]"); // ref 13
    tw.write(tag, "com.example.reuse.Tag", "[5]"); // back-reference 'Q' 13
    const body = Buffer.from(w.toBuffer());
    const second = body.subarray(at[1], at[2]);
    expect(body.subarray(at[2], at[3]).equals(second)).toBe(true);
    expect(second.toString("hex")).toBe("606190ae9f9a629195cfe8"); // class refs and ints only
    expect(body.toString("hex").endsWith("519d")).toBe(true);
    const list = decode(body) as unknown[];
    expect(list.slice(0, 4)).toEqual([
      "2024-05-01T10:15:30",
      "2024-05-01T10:15:30",
      "2024-05-01T10:15:30",
      "2024-05-02T10:15:30",
    ]);
    expect(list[5]).toBe(list[4]);
  });

  it("rejects a handle that refers to itself, and reads handles nested in their own class", () => {
    const self = new HessianWriter();
    self.writeObjectBegin(`${HANDLES}LocalDateHandle`, ["day", "month", "year"]);
    self.byte(0x51); // 'Q' 0: the handle being read
    self.writeInt(0);
    self.writeInt(1);
    self.writeInt(2000);
    const e = hessianErrorOf(() => decode(Buffer.from(self.toBuffer())));
    expect(e.kind).toBe("malformed");
    expect(e.message).toMatch(/reference 0 to a value still being read/);
    // A LocalDateTimeHandle whose date field holds a LocalDateTimeHandle: each one is read in its
    // own record (the outer one's scratch is in use), and the outer one is invalid.
    const w = new HessianWriter();
    w.writeObjectBegin(`${HANDLES}LocalDateTimeHandle`, ["time", "date"]);
    w.writeNull();
    w.writeObjectBegin(`${HANDLES}LocalDateTimeHandle`, ["time", "date"]);
    w.writeNull();
    w.writeNull();
    expect(hessianErrorOf(() => decode(Buffer.from(w.toBuffer()))).kind).toBe("malformed");
    const ok = new HessianWriter();
    new TypedWriter(ok).write("2000-01-01T00:00:01", "java.time.LocalDateTime", "value");
    expect(decode(Buffer.from(ok.toBuffer()))).toBe("2000-01-01T00:00:01");
  });
});
