import type { CommandContext, QosCommand } from "./command.js";

async function scrape({ model }: CommandContext): Promise<string> {
  return model.metrics ? await model.metrics() : "DefaultMetricsReporter not init";
}

/** `metrics`: the Prometheus text exposition (also served at `GET /metrics`). */
export const metrics: QosCommand = {
  name: "metrics",
  summary: "display metrics information (Prometheus text)",
  example: ["metrics"],
  execute: scrape,
};

/** Java 3.2+'s name for the same (DefaultMetricsReporterCmd). */
export const metricsDefault: QosCommand = {
  name: "metrics_default",
  summary: "display metrics information",
  execute: scrape,
};
