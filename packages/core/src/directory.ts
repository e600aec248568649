import type { Invocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";
import type { ServiceUrl } from "./service-url.js";

/**
 * "Who is out there" for one reference (Java's `Directory`): the current provider invokers. A
 * cluster lists it on every call (and again before each failover retry), so a provider that
 * disappears stops being chosen at once.
 */
export interface Directory {
  /** The consumer's URL: interface, version, group and the reference's parameters. */
  readonly url: ServiceUrl;
  /** The invokers eligible for this call; may be empty (the cluster then fails with NoInvoker). */
  list(invocation: Invocation): readonly Invoker[];
  /** Releases every invoker (idempotent). */
  destroy(): Promise<void>;
  /**
   * Why the list is empty when the directory knows better than "no provider" (optional), e.g.
   * "the registry 127.0.0.1:2181 is not connected (for 12.0 s; …)"; quoted by NoInvoker errors.
   */
  emptyReason?(): string | undefined;
}

/**
 * A directory over a fixed list, for direct connections (`url: "dubbo://127.0.0.1:20881"`) and
 * tests. `destroy()` destroys the invokers.
 */
export function createStaticDirectory(url: ServiceUrl, invokers: readonly Invoker[]): Directory {
  let destroyed = false;
  return {
    url,
    list: () => (destroyed ? [] : invokers),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await Promise.all(invokers.map((i) => i.destroy()));
    },
  };
}
