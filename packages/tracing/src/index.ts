export { tracingExtension } from "./tracing-extension.js";
export {
  createTracing,
  INSTRUMENTATION_NAME,
  RPC_SYSTEM,
  type Tracing,
  type TracingOptions,
} from "./tracing-filters.js";
