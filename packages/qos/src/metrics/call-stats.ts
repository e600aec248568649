import { Code, RpcError } from "@dubbo-ts/core/spi";

/** How a call ended, in the categories of Java's request metrics (MetricsKey). */
export type Outcome =
  | "succeed"
  | "business"
  | "timeout"
  | "limit"
  | "network"
  | "service_unavailable"
  | "codec"
  | "unknown";

/** A framework failure's category, from its `Code` as Java's MetricsSupport maps RpcException codes. */
export function outcomeOf(error: unknown): Outcome {
  const code = error instanceof RpcError ? error.code : RpcError.from(error).code;
  switch (code) {
    case Code.Biz:
      return "business";
    case Code.Timeout:
      return "timeout";
    case Code.LimitExceeded:
      return "limit";
    case Code.Network:
      return "network";
    case Code.NoInvoker:
      return "service_unavailable";
    case Code.Serialization:
      return "codec";
    default:
      return "unknown";
  }
}

/** Response times kept per method for the percentiles: the most recent calls. */
export const RT_WINDOW = 1024;

/**
 * The counters of one (side, interface, method, group, version): plain numbers updated on the
 * call path (no label hashing per call), turned into Prometheus samples only at scrape time.
 */
export class CallStats {
  total = 0;
  processing = 0;
  readonly outcomes: Record<Outcome, number> = {
    succeed: 0,
    business: 0,
    timeout: 0,
    limit: 0,
    network: 0,
    service_unavailable: 0,
    codec: 0,
    unknown: 0,
  };
  rtLast = 0;
  rtMin = Number.POSITIVE_INFINITY;
  rtMax = 0;
  rtSum = 0;
  rtCount = 0;
  private readonly window = new Float64Array(RT_WINDOW);

  readonly group: string;
  readonly version: string;

  constructor(readonly labels: Readonly<Record<string, string>>) {
    this.group = labels.group ?? "";
    this.version = labels.version ?? "";
  }

  get failed(): number {
    return this.total - this.processing - this.outcomes.succeed;
  }

  begin(): void {
    this.total++;
    this.processing++;
  }

  end(outcome: Outcome, elapsedMs: number): void {
    this.processing--;
    this.outcomes[outcome]++;
    this.window[this.rtCount % RT_WINDOW] = elapsedMs;
    this.rtCount++;
    this.rtLast = elapsedMs;
    this.rtSum += elapsedMs;
    if (elapsedMs < this.rtMin) this.rtMin = elapsedMs;
    if (elapsedMs > this.rtMax) this.rtMax = elapsedMs;
  }

  /** Nearest-rank percentiles of the last RT_WINDOW response times (q in 0..1). */
  quantiles(qs: readonly number[]): number[] {
    const n = Math.min(this.rtCount, RT_WINDOW);
    if (n === 0) return qs.map(() => 0);
    const sorted = this.window.slice(0, n).sort();
    return qs.map((q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!);
  }
}
