import { HessianError } from "./hessian-error.js";
import type { ValueClass } from "./java-time-handles.js";
import type { HessianWriter } from "./writer.js";

/**
 * `java.math.BigInteger` on the hessian wire. hessian-lite has no serializer of its own for it
 * (neither 3.2.13 nor 4.0.4): the default UnsafeSerializer/JavaSerializer writes the JDK's
 * non-transient fields, so on JDK 9+ a class definition `java.math.BigInteger` with
 * `mag, firstNonzeroIntNumPlusTwo, lowestSetBitPlusTwo, bitLengthPlusOne, bitCountPlusOne, signum`
 * (java.lang fields first, then `int[] mag`, reversed). `mag` is the big-endian magnitude in
 * 32-bit words, a typed list `[int`; the four cached counts are 0 until a method computes them,
 * which is what a fresh BigInteger holds and what we write (0 means "not computed" on every JDK).
 * A JDK 8 peer names them `bitCount, bitLength, lowestSetBit, firstNonzeroIntNum`; its
 * deserializer skips fields it does not know, and so do we: only `signum` and `mag` matter.
 *
 * JS side: always a `bigint`, whatever the value or the long policy.
 */

const BIG_INTEGER = "java.math.BigInteger";
const FIELDS = [
  "mag",
  "firstNonzeroIntNumPlusTwo",
  "lowestSetBitPlusTwo",
  "bitLengthPlusOne",
  "bitCountPlusOne",
  "signum",
];

/** signum and mag as read (mag: a list of ints) → the bigint, undefined when inconsistent. */
function resolve(fields: Record<string, unknown>): bigint | undefined {
  const { signum, mag } = fields;
  if ((signum !== -1 && signum !== 0 && signum !== 1) || !Array.isArray(mag)) return undefined;
  // Linear in the length (hex text → BigInt), unlike shifting word by word.
  let hex = "";
  for (const w of mag) {
    if (typeof w !== "number" || !Number.isInteger(w) || w < -0x80000000 || w > 0xffffffff)
      return undefined;
    hex += (w >>> 0).toString(16).padStart(8, "0");
  }
  const abs = hex === "" ? 0n : BigInt(`0x${hex}`);
  // Java's own invariant: signum 0 exactly when the magnitude is zero.
  if ((abs === 0n) !== (signum === 0)) return undefined;
  return signum < 0 ? -abs : abs;
}

/** How the reader turns a `java.math.BigInteger` object into a bigint. */
export const BIG_INTEGER_CLASS: ValueClass = { resolve };
export const BIG_INTEGER_CLASS_NAME = BIG_INTEGER;

function toBigInt(value: unknown, what: string): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^[+-]?\d+$/.test(value)) return BigInt(value);
  throw HessianError.type(
    `${what}: expected a bigint (or a safe integer number, or a decimal integer string) for java.math.BigInteger`,
  );
}

/** The big-endian 32-bit words of a non-negative bigint, as signed ints (Java's `int[] mag`). */
function magnitude(abs: bigint): number[] {
  if (abs === 0n) return [];
  let hex = abs.toString(16);
  hex = hex.padStart(Math.ceil(hex.length / 8) * 8, "0");
  const words: number[] = new Array(hex.length / 8);
  for (let i = 0; i < words.length; i++) {
    words[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
  }
  return words;
}

/** Writes `value` (bigint, safe integer, decimal integer string) as Java writes a BigInteger. */
export function writeBigInteger(out: HessianWriter, value: unknown, what: string): void {
  const v = toBigInt(value, what);
  // UnsafeSerializer.writeObject: addRef(bigInteger); BasicSerializer INTEGER_ARRAY: addRef(mag).
  out.skipRef();
  out.writeObjectBegin(BIG_INTEGER, FIELDS);
  const words = magnitude(v < 0n ? -v : v);
  out.skipRef();
  out.writeListBegin(words.length, "[int");
  for (const w of words) out.writeInt(w);
  for (let i = 0; i < 4; i++) out.writeInt(0);
  out.writeInt(v > 0n ? 1 : v < 0n ? -1 : 0);
}
