import type { Invoker } from "../invoker.js";
import type { LoadBalance } from "../load-balance.js";
import { getStatus, type RpcStatus } from "../rpc-status.js";
import { pickLowest } from "./least-active.js";
import type { BalancerOptions } from "./weight.js";

/** `shortestresponse.slide-period` default. */
const DEFAULT_SLIDE_PERIOD_MS = 30_000;

interface Window {
  start: number;
  succeededOffset: number;
  elapsedOffset: number;
}

/**
 * `shortestresponse` (ShortestResponseLoadBalance): estimated response time = average elapsed of
 * the calls that succeeded in the current sliding window × (in-flight + 1); the lowest wins, ties
 * broken like leastactive. The window (`shortestresponse.slide-period`, 30 s) restarts from the
 * running totals when it expires.
 */
export function createShortestResponseLoadBalance(
  options: BalancerOptions & { slidePeriodMs?: number } = {},
): LoadBalance {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const period = options.slidePeriodMs ?? DEFAULT_SLIDE_PERIOD_MS;
  const windows = new WeakMap<RpcStatus, Window>();
  const windowOf = (status: RpcStatus, t: number): Window => {
    let w = windows.get(status);
    if (!w || t - w.start > period) {
      w = {
        start: t,
        succeededOffset: w ? status.succeeded : 0,
        elapsedOffset: w ? status.succeededElapsed : 0,
      };
      windows.set(status, w);
    }
    return w;
  };
  return {
    select(invokers, invocation): Invoker {
      if (invokers.length === 1) return invokers[0]!;
      const t = now();
      return pickLowest(invokers, invocation, random, t, (invoker) => {
        const status = getStatus(invoker, invocation.methodName);
        const w = windowOf(status, t);
        const count = status.succeeded - w.succeededOffset;
        const average = count > 0 ? (status.succeededElapsed - w.elapsedOffset) / count : 0;
        return average * (status.active + 1);
      });
    },
  };
}
