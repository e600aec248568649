import type { Directory } from "./directory.js";
import type { Invoker } from "./invoker.js";
import type { LoadBalanceFactory } from "./load-balance.js";
import type { Logger } from "./logger.js";

/**
 * A fault-tolerance strategy (Java's `Cluster`): joins a directory into one invoker that picks a
 * provider per call (through a `LoadBalance`) and decides what a failure means — retry elsewhere
 * (failover), fail (failfast), ignore (failsafe), retry later (failback), race (forking) or call
 * all (broadcast). The joined invoker resolves with the provider's `Result` (business exceptions
 * included, never retried) and rejects with an `RpcError` for framework failures.
 */
export interface Cluster {
  join(directory: Directory): Invoker;
}

/** What every cluster strategy may be given. */
export interface ClusterOptions {
  logger?: Logger | undefined;
  /** Finds a balancer by name; defaults to the registered ones (`load-balance/extensions.ts`). */
  loadBalance?: ((name: string) => LoadBalanceFactory | undefined) | undefined;
}

/** Creates a strategy; registered by name in `cluster/extensions.ts`. */
export type ClusterFactory = (options: ClusterOptions) => Cluster;

/** Java's default `cluster`. */
export const DEFAULT_CLUSTER = "failover";
