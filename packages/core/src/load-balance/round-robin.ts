import type { Invoker } from "../invoker.js";
import type { LoadBalance } from "../load-balance.js";
import { type BalancerOptions, getWeight } from "./weight.js";

/** Entries not selected for this long are dropped when the provider list changes (RECYCLE_PERIOD). */
const RECYCLE_PERIOD_MS = 60_000;

interface WeightedEntry {
  weight: number;
  current: number;
  lastUpdate: number;
}

/** Java's `URL.toIdentityString()`: the URL without parameters. */
export function identityOf(invoker: Invoker): string {
  const u = invoker.url;
  const cred = u.username ? `${u.username}${u.password ? `:${u.password}` : ""}@` : "";
  return `${u.protocol}://${cred}${u.address}/${u.path}`;
}

/**
 * `roundrobin` (RoundRobinLoadBalance): smooth weighted round robin, nginx style. Per
 * `serviceKey.method`, each call adds every provider's weight to its `current`, picks the largest
 * (first wins ties) and subtracts the total from it. Weights 5,1,1 give a a b a c a a. A weight
 * change resets that provider's `current`.
 */
export function createRoundRobinLoadBalance(options: BalancerOptions = {}): LoadBalance {
  const now = options.now ?? Date.now;
  const state = new Map<string, Map<string, WeightedEntry>>();
  return {
    select(invokers, invocation): Invoker {
      if (invokers.length === 1) return invokers[0]!;
      const key = `${invokers[0]!.url.serviceKey}.${invocation.methodName}`;
      let entries = state.get(key);
      if (!entries) {
        entries = new Map();
        state.set(key, entries);
      }
      const t = now();
      let total = 0;
      let max = Number.NEGATIVE_INFINITY;
      let selected: Invoker | undefined;
      let selectedEntry: WeightedEntry | undefined;
      for (const invoker of invokers) {
        const id = identityOf(invoker);
        const weight = getWeight(invoker, invocation, t);
        let entry = entries.get(id);
        if (!entry) {
          entry = { weight, current: 0, lastUpdate: t };
          entries.set(id, entry);
        }
        if (entry.weight !== weight) {
          entry.weight = weight;
          entry.current = 0;
        }
        entry.current += weight;
        entry.lastUpdate = t;
        if (entry.current > max) {
          max = entry.current;
          selected = invoker;
          selectedEntry = entry;
        }
        total += weight;
      }
      if (invokers.length !== entries.size) {
        for (const [id, entry] of entries) {
          if (t - entry.lastUpdate > RECYCLE_PERIOD_MS) entries.delete(id);
        }
      }
      if (selected && selectedEntry) {
        selectedEntry.current -= total;
        return selected;
      }
      return invokers[0]!;
    },
  };
}
