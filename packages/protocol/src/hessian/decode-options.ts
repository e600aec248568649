/**
 * Bounds applied to every decoded body (docs/robustness.md C2, P3/P8/P8b/P9): a hostile body
 * hits one of them and becomes a clear `HessianError` ("limit") instead of a stack overflow,
 * seconds of blocked event loop or gigabytes of heap.
 */
export interface DecodeLimits {
  /** Deepest nesting of lists, maps and objects (hessian.js overflows the stack at ~2,400). */
  readonly maxDepth: number;
  /** Lists, maps, objects and back-references decoded in one body, all levels together. */
  readonly maxObjects: number;
  /** Elements of one list or entries of one map. */
  readonly maxCollectionLength: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = Object.freeze({
  maxDepth: 128,
  maxObjects: 250_000,
  maxCollectionLength: 1_000_000,
});

/**
 * How Java `long`/`Long` values come back (the project-wide policy): `"number"` (default) gives a
 * JS number and rejects a value outside ±(2^53−1) with an error naming it, never rounding;
 * `"bigint"` gives a `bigint` for every long, whatever its value. `int` stays a number either way.
 */
export type LongPolicy = "number" | "bigint";

export interface DecodeOptions {
  readonly limits?: Partial<DecodeLimits> | undefined;
  readonly longs?: LongPolicy | undefined;
}
