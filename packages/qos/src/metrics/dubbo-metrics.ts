import { hostname } from "node:os";
import type { Filter, Invocation } from "@dubbo-ts/core/spi";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import { CallStats, type Outcome, outcomeOf } from "./call-stats.js";

export type Side = "provider" | "consumer";

/** Java Dubbo 3's method-level label names (MetricsConstants: application.name → application_name…). */
export const METHOD_LABELS = [
  "application_name",
  "hostname",
  "ip",
  "interface",
  "method",
  "group",
  "version",
] as const;

/** Counter suffixes of Java's MetricsKey, by outcome (`dubbo_<side>_requests_<suffix>`). */
const FAILURE_COUNTERS: readonly [Outcome, string, string][] = [
  ["business", "business_failed_total", "Total Failed Business Requests"],
  ["timeout", "timeout_total", "Total Timeout Failed Requests"],
  ["limit", "limit_total", "Total Limit Failed Requests"],
  ["unknown", "unknown_failed_total", "Total Unknown Failed Requests"],
  ["network", "failed_network_total", "Total network Failed Requests"],
  [
    "service_unavailable",
    "failed_service_unavailable_total",
    "Total Service Unavailable Failed Requests",
  ],
  ["codec", "failed_codec_total", "Total Codec Failed Requests"],
];

/** Response-time gauges of Java's MetricsKey (`dubbo_<side>_rt_milliseconds_<suffix>`). */
const RT_GAUGES: readonly [string, string, (s: CallStats, q: number[]) => number][] = [
  ["last", "Last Response Time", (s) => s.rtLast],
  ["min", "Min Response Time", (s) => (s.rtCount === 0 ? 0 : s.rtMin)],
  ["max", "Max Response Time", (s) => s.rtMax],
  ["sum", "Sum Response Time", (s) => s.rtSum],
  ["avg", "Average Response Time", (s) => (s.rtCount === 0 ? 0 : s.rtSum / s.rtCount)],
  ["p99", "Response Time P99", (_s, q) => q[3]!],
  ["p95", "Response Time P95", (_s, q) => q[2]!],
  ["p90", "Response Time P90", (_s, q) => q[1]!],
  ["p50", "Response Time P50", (_s, q) => q[0]!],
];

export interface DubboMetricsOptions {
  /** The prom-client registry to register in; default a new one (not prom-client's global). */
  readonly registry?: Registry | undefined;
  /** Also collect Node.js process metrics (prom-client's default metrics); default true. */
  readonly processMetrics?: boolean | undefined;
}

/**
 * Java Dubbo 3's request metrics for one application: filters that count every call by
 * (side, interface, method, group, version), and a prom-client registry that turns the counts
 * into Java's metric names and labels when scraped. The call path only updates plain numbers.
 */
export interface DubboMetrics {
  readonly registry: Registry;
  /** Provider filter: counts requests served (place it among the application's provider filters). */
  readonly providerFilter: Filter;
  /** Consumer filter: counts calls made, with the failures the cluster saw. */
  readonly consumerFilter: Filter;
  /** Sets the application labels (`application_name`, `hostname`, `ip`) and the info metric. */
  setApplication(info: { name: string; ip: string; version?: string | undefined }): void;
  /** The Prometheus text exposition. */
  text(): Promise<string>;
  /** The counters of one side, for tests and `count`-like views. */
  stats(side: Side): readonly CallStats[];
}

export function createDubboMetrics(options: DubboMetricsOptions = {}): DubboMetrics {
  const registry = options.registry ?? new Registry();
  const host = hostname();
  let app = { name: "", ip: "", version: "" };
  // side → interface → method → the stats per (group, version), usually one: plain Map lookups on
  // the call path, no key string built per call.
  const bySide: Record<Side, Map<string, Map<string, CallStats[]>>> = {
    provider: new Map(),
    consumer: new Map(),
  };
  const allOf = function* (side: Side) {
    for (const methods of bySide[side].values()) for (const list of methods.values()) yield* list;
  };
  const labelsOf = (s: CallStats) => ({
    ...s.labels,
    application_name: app.name,
    ip: app.ip,
    hostname: host,
  });

  for (const side of ["provider", "consumer"] as const) {
    const all = () => allOf(side);
    const counter = (suffix: string, help: string, value: (s: CallStats) => number) =>
      new Counter({
        name: `dubbo_${side}_${suffix}`,
        help,
        labelNames: METHOD_LABELS,
        registers: [registry],
        collect() {
          this.reset();
          for (const s of all()) this.inc(labelsOf(s), value(s));
        },
      });
    counter("requests_total", "Total Requests", (s) => s.total);
    counter("requests_succeed_total", "Total Succeed Requests", (s) => s.outcomes.succeed);
    counter("requests_failed_total", "Total Failed Requests", (s) => s.failed);
    for (const [outcome, suffix, help] of FAILURE_COUNTERS) {
      if (outcome === "service_unavailable" && side === "provider") continue; // consumer-only in Java
      counter(`requests_${suffix}`, help, (s) => s.outcomes[outcome]);
    }
    new Gauge({
      name: `dubbo_${side}_requests_processing_total`,
      help: "Processing Requests",
      labelNames: METHOD_LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const s of all()) this.set(labelsOf(s), s.processing);
      },
    });
    // The percentiles need one sort per method: the first rt gauge's collect sets all of them
    // (prom-client collects metrics in registration order, so the others are set when read).
    const rt: Gauge[] = [];
    const collectRt = () => {
      for (const g of rt) g.reset();
      for (const s of all()) {
        const q = s.quantiles([0.5, 0.9, 0.95, 0.99]);
        const labels = labelsOf(s);
        RT_GAUGES.forEach(([, , value], i) => {
          rt[i]!.set(labels, value(s, q));
        });
      }
    };
    RT_GAUGES.forEach(([suffix, help], i) => {
      rt.push(
        new Gauge({
          name: `dubbo_${side}_rt_milliseconds_${suffix}`,
          help,
          labelNames: METHOD_LABELS,
          registers: [registry],
          // Across provider workers (cluster-metrics.ts): min of mins, max of maxes, sum of
          // sums; the last time, average and percentiles are the workers' average (approximate).
          aggregator: suffix === "min" || suffix === "max" || suffix === "sum" ? suffix : "average",
          ...(i === 0 ? { collect: collectRt } : {}),
        }),
      );
    });
  }
  const info = new Counter({
    name: "dubbo_application_info_total",
    help: "Total Application Info",
    aggregator: "max", // one application, however many provider workers
    labelNames: ["application_name", "application_version", "hostname", "ip"],
    registers: [registry],
  });
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });

  const statsFor = (side: Side, inv: Invocation): CallStats => {
    let methods = bySide[side].get(inv.serviceName);
    if (!methods) {
      methods = new Map();
      bySide[side].set(inv.serviceName, methods);
    }
    let list = methods.get(inv.methodName);
    if (!list) {
      list = [];
      methods.set(inv.methodName, list);
    }
    const group = inv.group ?? "";
    const version = inv.version ?? "";
    for (const s of list) if (s.group === group && s.version === version) return s;
    const s = new CallStats({
      interface: inv.serviceName,
      method: inv.methodName,
      group,
      version,
    });
    list.push(s);
    return s;
  };
  const filterOf =
    (side: Side): Filter =>
    (next) =>
    (inv) => {
      const s = statsFor(side, inv);
      s.begin();
      const start = performance.now();
      return next(inv).then(
        (result) => {
          s.end(result.exception ? "business" : "succeed", performance.now() - start);
          return result;
        },
        (e: unknown) => {
          s.end(outcomeOf(e), performance.now() - start);
          throw e;
        },
      );
    };

  return {
    registry,
    providerFilter: filterOf("provider"),
    consumerFilter: filterOf("consumer"),
    setApplication(next) {
      app = { name: next.name, ip: next.ip, version: next.version ?? "" };
      info.reset();
      info.inc(
        {
          application_name: app.name,
          application_version: app.version,
          hostname: host,
          ip: app.ip,
        },
        1,
      );
    },
    text: () => registry.metrics(),
    stats: (side) => [...allOf(side)],
  };
}
