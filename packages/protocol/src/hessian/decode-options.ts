/**
 * Bounds applied to every decoded body (docs/hostile-input-and-failures.md C2, P3/P8/P8b/P9): a hostile body
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

/**
 * The defaults. `maxObjects` bounds the work one body can cost the event loop: every list, map and
 * object is an allocation that lives until the body is done (about 0.3–0.5 µs each with the
 * garbage collection they cause), so a 1 MiB body of 524,288 empty maps ('H' 'Z') stops after
 * 100,000 — about 30–50 ms of one core — and is answered with status 40, while a page of 10,000
 * DTOs with a few nested objects each still fits. Java's hessian-lite has no such count (only the
 * 8 MiB payload): raise it for payloads with more objects than that.
 */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = Object.freeze({
  maxDepth: 128,
  maxObjects: 100_000,
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
