/**
 * `grpc-timeout` (PROTOCOL-HTTP2.md "Requests"): at most 8 ASCII digits and a unit
 * (H, M, S, m, u, n). `parseGrpcTimeout` returns milliseconds, or undefined when the header is
 * absent; a malformed value is a RangeError (the server then answers INTERNAL, as grpc-go's
 * `decodeTimeout` failure does, before running anything).
 */
const UNIT_MS: Record<string, number> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 0.001,
  n: 0.000_001,
};

export function parseGrpcTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,8})([HMSmun])$/.exec(value);
  if (!m) throw new RangeError(`invalid grpc-timeout ${JSON.stringify(value)}`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** Milliseconds → `grpc-timeout`, the finest unit that fits in 8 digits. */
export function formatGrpcTimeout(ms: number): string {
  const t = Math.max(0, Math.ceil(ms));
  if (t < 100_000_000) return `${t}m`;
  const s = Math.ceil(t / 1000);
  if (s < 100_000_000) return `${s}S`;
  return `${Math.min(99_999_999, Math.ceil(s / 60))}M`;
}
