import type { Invocation } from "./invocation.js";
import type { Result } from "./result.js";

/** A call through the chain. */
export type Invoke = (invocation: Invocation) => Promise<Result>;

/**
 * A filter wraps the next step of the chain. The first filter in an array is the outermost layer;
 * the innermost `next` is the cluster invoker (consumer side) or the service method (provider side).
 */
export type Filter = (next: Invoke) => Invoke;

/** Composes filters so that `filters[0]` runs first and `last` runs at the end. */
export function chain(filters: readonly Filter[], last: Invoke): Invoke {
  let invoke = last;
  for (let i = filters.length - 1; i >= 0; i--) invoke = filters[i]!(invoke);
  return invoke;
}
