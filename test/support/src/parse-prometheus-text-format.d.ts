// The parser has no types of its own; the shape of what it returns (its README).
declare module "parse-prometheus-text-format" {
  interface Sample {
    readonly value: string;
    readonly labels?: Record<string, string>;
  }
  interface MetricFamily {
    readonly name: string;
    readonly help: string;
    readonly type: "COUNTER" | "GAUGE" | "SUMMARY" | "HISTOGRAM" | "UNTYPED";
    readonly metrics: readonly Sample[];
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
