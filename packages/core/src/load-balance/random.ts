import type { Invoker } from "../invoker.js";
import type { LoadBalance } from "../load-balance.js";
import { type BalancerOptions, getWeight, needsWeights, nextInt } from "./weight.js";

/**
 * `random` (RandomLoadBalance, the default): weighted random by the effective weight (warm-up
 * included) when weights differ, uniform otherwise. Stateless.
 */
export function createRandomLoadBalance(options: BalancerOptions = {}): LoadBalance {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  return {
    select(invokers, invocation): Invoker {
      const length = invokers.length;
      if (length === 1) return invokers[0]!;
      if (!needsWeights(invokers, invocation)) return invokers[nextInt(random, length)]!;
      const t = now();
      const cumulative: number[] = new Array(length);
      let total = 0;
      let sameWeight = true;
      for (let i = 0; i < length; i++) {
        const weight = getWeight(invokers[i]!, invocation, t);
        total += weight;
        cumulative[i] = total;
        if (sameWeight && total !== weight * (i + 1)) sameWeight = false;
      }
      if (total > 0 && !sameWeight) {
        const offset = nextInt(random, total);
        let lo = 0;
        let hi = length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (offset < cumulative[mid]!) hi = mid;
          else lo = mid + 1;
        }
        return invokers[lo]!;
      }
      return invokers[nextInt(random, length)]!;
    },
  };
}
