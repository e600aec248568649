import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";

/** `weight` default (cluster/Constants.DEFAULT_WEIGHT). */
export const DEFAULT_WEIGHT = 100;
/** `warmup` default in ms (cluster/Constants.DEFAULT_WARMUP, 10 minutes). */
export const DEFAULT_WARMUP = 600_000;

/** Options every balancer takes, so tests can fix time and randomness. */
export interface BalancerOptions {
  /** Uniform in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
}

/**
 * The effective weight of a provider for a call (AbstractLoadBalance.getWeight): the method-level
 * or service-level `weight` (default 100), ramped up during warm-up from the provider's
 * registration `timestamp`: `ww = (int)(uptime / ((float) warmup / weight))`, clamped to
 * [1, weight]. A provider whose timestamp is in the future weighs 1. Never negative.
 */
export function getWeight(invoker: Invoker, invocation: Invocation, now: number): number {
  const url = invoker.url;
  let weight = numberParam(url.getMethodParameter(invocation.methodName, "weight"), DEFAULT_WEIGHT);
  if (weight > 0) {
    const timestamp = url.getNumber("timestamp", 0);
    if (timestamp > 0) {
      const uptime = now - timestamp;
      if (uptime < 0) return 1;
      const warmup = url.getNumber("warmup", DEFAULT_WARMUP);
      if (uptime > 0 && uptime < warmup) weight = warmupWeight(uptime, warmup, weight);
    }
  }
  return Math.max(weight, 0);
}

/** AbstractLoadBalance.calculateWarmupWeight, with Java's float arithmetic. */
export function warmupWeight(uptime: number, warmup: number, weight: number): number {
  const ww = Math.trunc(Math.fround(Math.fround(uptime) / Math.fround(warmup / weight)));
  return ww < 1 ? 1 : Math.min(ww, weight);
}

/** True when any provider URL carries a weight or a timestamp (RandomLoadBalance.needWeightLoadBalance). */
export function needsWeights(invokers: readonly Invoker[], invocation: Invocation): boolean {
  return invokers.some(
    (i) =>
      i.url.getMethodParameter(invocation.methodName, "weight") !== undefined ||
      i.url.getParameter("timestamp") !== undefined,
  );
}

function numberParam(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** `Random.nextInt(bound)` from a [0, 1) source. */
export function nextInt(random: () => number, bound: number): number {
  return Math.floor(random() * bound);
}
