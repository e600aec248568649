import type { Invocation } from "./invocation.js";
import type { Result } from "./result.js";
import type { ServiceUrl } from "./service-url.js";

/**
 * Something that can run an invocation: one remote provider (from a `Protocol`), a cluster over
 * many, or a local service. `invoke` resolves with a `Result` (value or business exception) and
 * rejects only with an `RpcError` for framework failures.
 */
export interface Invoker {
  /** For a remote provider, its registry URL; for a cluster, the consumer's URL. */
  readonly url: ServiceUrl;
  invoke(invocation: Invocation): Promise<Result>;
  /** False once the provider said it is going away (`"R"` event) or the connection is dead. */
  isAvailable(): boolean;
  /** Releases what this invoker holds (idempotent). */
  destroy(): Promise<void>;
}
