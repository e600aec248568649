import type { ApplicationExtension } from "@dubbo-ts/core/spi";
import { createTracing, type TracingOptions } from "./tracing-filters.js";

/**
 * Tracing for a whole application: `createApplication({ extensions: [tracingExtension()] })` puts
 * the provider filter on every service and the consumer filter on every reference.
 */
export function tracingExtension(options: TracingOptions = {}): ApplicationExtension {
  const tracing = createTracing(options);
  return {
    name: "tracing",
    start: async () => ({ provider: [tracing.providerFilter], consumer: [tracing.consumerFilter] }),
  };
}
