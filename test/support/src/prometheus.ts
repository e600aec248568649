import parsePrometheusTextFormat from "parse-prometheus-text-format";

/**
 * Parses Prometheus text with a real third-party parser (parse-prometheus-text-format) and returns
 * `value(name, labels)`: the sample of family `name` whose labels include `labels` (undefined if
 * none), so tests check what a scraper would read.
 */
export function parsePrometheus(text: string) {
  const families = parsePrometheusTextFormat(text);
  return {
    families,
    type: (name: string) => families.find((f) => f.name === name)?.type,
    value(name: string, labels: Record<string, string> = {}): number | undefined {
      const family = families.find((f) => f.name === name);
      const sample = family?.metrics.find((m) =>
        Object.entries(labels).every(([k, v]) => m.labels?.[k] === v),
      );
      return sample === undefined ? undefined : Number(sample.value);
    },
  };
}
