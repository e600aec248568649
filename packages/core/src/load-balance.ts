import type { Invocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";

/**
 * "Which provider now": picks one invoker of a non-empty list for one call (Java's
 * `LoadBalance`). The cluster calls it with the invokers still eligible; a single invoker is
 * returned as is. Implementations may keep per-method state (round robin) but no I/O.
 */
export interface LoadBalance {
  select(invokers: readonly Invoker[], invocation: Invocation): Invoker;
}

/** Creates a balancer; a cluster invoker creates one instance per name it uses. */
export type LoadBalanceFactory = () => LoadBalance;

/** Java's default `loadbalance`. */
export const DEFAULT_LOAD_BALANCE = "random";
