import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { LoadBalance } from "../load-balance.js";
import { getStatus } from "../rpc-status.js";
import { type BalancerOptions, getWeight, nextInt } from "./weight.js";

/**
 * `leastactive` (LeastActiveLoadBalance): the providers with the fewest in-flight calls from this
 * consumer for the method; ties broken by weighted random (uniform when weights are equal).
 */
export function createLeastActiveLoadBalance(options: BalancerOptions = {}): LoadBalance {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  return {
    select(invokers, invocation): Invoker {
      if (invokers.length === 1) return invokers[0]!;
      return pickLowest(
        invokers,
        invocation,
        random,
        now(),
        (invoker) => getStatus(invoker, invocation.methodName).active,
      );
    },
  };
}

/**
 * Shared by leastactive and shortestresponse: the invokers with the lowest `score`, then weighted
 * random among them when their weights differ, uniform otherwise.
 */
export function pickLowest(
  invokers: readonly Invoker[],
  invocation: Invocation,
  random: () => number,
  now: number,
  score: (invoker: Invoker) => number,
): Invoker {
  const length = invokers.length;
  let least = Number.POSITIVE_INFINITY;
  let leastCount = 0;
  const leastIndexes: number[] = new Array(length);
  const weights: number[] = new Array(length);
  let totalWeight = 0;
  let firstWeight = 0;
  let sameWeight = true;
  for (let i = 0; i < length; i++) {
    const s = score(invokers[i]!);
    const weight = getWeight(invokers[i]!, invocation, now);
    weights[i] = weight;
    if (s < least) {
      least = s;
      leastCount = 1;
      leastIndexes[0] = i;
      totalWeight = weight;
      firstWeight = weight;
      sameWeight = true;
    } else if (s === least) {
      leastIndexes[leastCount++] = i;
      totalWeight += weight;
      if (sameWeight && weight !== firstWeight) sameWeight = false;
    }
  }
  if (leastCount === 1) return invokers[leastIndexes[0]!]!;
  if (!sameWeight && totalWeight > 0) {
    let offset = nextInt(random, totalWeight);
    for (let i = 0; i < leastCount; i++) {
      const index = leastIndexes[i]!;
      offset -= weights[index]!;
      if (offset < 0) return invokers[index]!;
    }
  }
  return invokers[leastIndexes[nextInt(random, leastCount)]!]!;
}
