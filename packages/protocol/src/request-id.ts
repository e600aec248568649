/**
 * Request ids: one process-wide signed 64-bit counter shared by calls, heartbeats and events, as
 * Java's `Request.INVOKE_ID` (2.7: `new AtomicLong(0)` incremented per request). It wraps from
 * 2^63−1 to −2^63, so ids are opaque int64 values, never assumed positive or below 2^53.
 */
let last = 0n;

/** The next request id. */
export function nextRequestId(): bigint {
  last = BigInt.asIntN(64, last + 1n);
  return last;
}
