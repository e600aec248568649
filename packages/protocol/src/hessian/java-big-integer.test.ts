import { defineJavaClass, parseJavaType } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { hessianErrorOf } from "../../test/support.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

defineJavaClass({
  name: "com.example.Account",
  fields: { id: "java.math.BigInteger", balance: "java.math.BigDecimal" },
});

function encode(value: unknown, type: string): Buffer {
  const w = new HessianWriter();
  new TypedWriter(w).write(value, type, "value");
  return Buffer.from(w.toBuffer());
}

const decode = (body: Buffer, options = {}) =>
  new HessianReader(body, 0, undefined, options).readValue(parseJavaType("java.lang.Object"));

const roundTrip = (value: unknown) => decode(encode(value, "java.math.BigInteger"));

/** A java.math.BigInteger object with raw `signum` and `mag` (and JDK 8's extra field names). */
function bigIntegerBody(signum: number, mag: (w: HessianWriter) => void, jdk8 = false): Buffer {
  const w = new HessianWriter();
  const extra = jdk8
    ? ["bitCount", "bitLength", "lowestSetBit", "firstNonzeroIntNum"]
    : ["firstNonzeroIntNumPlusTwo"];
  w.writeObjectBegin("java.math.BigInteger", ["mag", ...extra, "signum"]);
  mag(w);
  for (const _ of extra) w.writeInt(0);
  w.writeInt(signum);
  return Buffer.from(w.toBuffer());
}

const ints =
  (...words: number[]) =>
  (w: HessianWriter) => {
    w.writeListBegin(words.length, "[int");
    for (const x of words) w.writeInt(x);
  };

describe("java.math.BigInteger", () => {
  it("round-trips as a bigint at every word boundary and sign, whatever the long policy", () => {
    const values = [0n, 1n, -1n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 63n];
    values.push(-(2n ** 64n) - 1n, 10n ** 40n + 7n, -(2n ** 255n), 2n ** 1024n - 1n);
    for (const v of values) {
      expect(roundTrip(v)).toBe(v);
      expect(decode(encode(v, "java.math.BigInteger"), { longs: "number" })).toBe(v);
    }
  });

  it("accepts a safe integer number or a decimal integer string, and refuses anything else", () => {
    expect(roundTrip(42)).toBe(42n);
    expect(roundTrip("-123456789012345678901234567890")).toBe(-123456789012345678901234567890n);
    for (const bad of [1.5, 2 ** 60, "1e3", "12a", "", Number.NaN, {}, true]) {
      const e = hessianErrorOf(() => encode({ id: bad, balance: "1" }, "com.example.Account"));
      expect(e.kind).toBe("type");
      expect(e.message).toContain("value.id");
      expect(e.message).toContain("java.math.BigInteger");
    }
  });

  it("writes the JDK fields in hessian-lite's order with the cached counts at 0", () => {
    const name = "java.math.BigInteger";
    const fields = [
      "mag",
      "firstNonzeroIntNumPlusTwo",
      "lowestSetBitPlusTwo",
      "bitLengthPlusOne",
      "bitCountPlusOne",
      "signum",
    ];
    const hex = [
      "43",
      `${name.length.toString(16)}${Buffer.from(name).toString("hex")}`,
      "96",
      ...fields.map(
        (f) => `${f.length.toString(16).padStart(2, "0")}${Buffer.from(f).toString("hex")}`,
      ),
      "60",
      "72045b696e74", // typed list of 2, "[int"
      "4980000000", // 0x80000000
      "91", // 1
      "90909090", // the four cached counts
      "8f", // signum -1
    ].join("");
    // -(2^63 + 1): the first word has its sign bit set (Java's golden frame resp-flag4-bigInteger).
    expect(encode(-(2n ** 63n) - 1n, "java.math.BigInteger").toString("hex")).toBe(hex);
  });

  it("reads a JDK 8 peer's field names (only signum and mag matter)", () => {
    expect(decode(bigIntegerBody(1, ints(1, 0), true))).toBe(2n ** 32n);
    expect(decode(bigIntegerBody(-1, ints(-1)))).toBe(-(2n ** 32n - 1n));
  });

  it("reads a long magnitude in one pass", () => {
    const words = new Array<number>(100_000).fill(-1);
    const v = decode(bigIntegerBody(1, ints(...words))) as bigint;
    expect(v).toBe(2n ** 3_200_000n - 1n);
  });

  it("reports an inconsistent BigInteger as malformed", () => {
    const bodies = [
      bigIntegerBody(2, ints(1)),
      bigIntegerBody(0, ints(1)),
      bigIntegerBody(1, ints()),
      bigIntegerBody(1, (w) => w.writeString("1")),
      bigIntegerBody(1, (w) => {
        w.writeListBegin(1, null);
        w.writeString("1");
      }),
    ];
    for (const body of bodies) {
      const e = hessianErrorOf(() => decode(body));
      expect(e.kind).toBe("malformed");
      expect(e.message).toContain("an invalid java.math.BigInteger");
    }
  });

  it("round-trips inside a DTO next to a BigDecimal", () => {
    const account = { id: 2n ** 70n, balance: "-1E-9" };
    expect(decode(encode(account, "com.example.Account"))).toEqual(account);
  });
});
