import { HessianError } from "./hessian-error.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Checks a JS value for a Java `long` parameter: a safe integer number or an int64 bigint.
 * A fraction, an unsafe number or an out-of-range bigint is an error, never rounded.
 */
export function toJavaLong(value: unknown, what: string): number | bigint {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return value;
    throw HessianError.type(
      `${what}: ${value} is not a safe integer for a Java long (pass a bigint for values beyond ±(2^53−1))`,
    );
  }
  if (typeof value === "bigint") {
    if (value >= INT64_MIN && value <= INT64_MAX) return value;
    throw HessianError.type(`${what}: ${value} is outside the Java long range`);
  }
  throw HessianError.type(
    `${what}: expected a number or bigint for a Java long, got ${typeof value}`,
  );
}

/** Checks a JS value for a Java `int`/`short`/`byte` parameter. */
export function toJavaInt(
  value: unknown,
  what: string,
  min = -0x80000000,
  max = 0x7fffffff,
): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  if (typeof value === "bigint" && value >= BigInt(min) && value <= BigInt(max))
    return Number(value);
  throw HessianError.type(
    `${what}: expected an integer in [${min}, ${max}], got ${typeof value === "number" ? value : typeof value}`,
  );
}

/** Java's `(int) d`: truncation toward zero, NaN → 0, saturating at the int range. */
export function javaIntCast(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d);
}
