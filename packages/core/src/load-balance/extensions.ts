import type { LoadBalanceFactory } from "../load-balance.js";
import { createConsistentHashLoadBalance } from "./consistent-hash.js";
import { createLeastActiveLoadBalance } from "./least-active.js";
import { createRandomLoadBalance } from "./random.js";
import { createRoundRobinLoadBalance } from "./round-robin.js";
import { createShortestResponseLoadBalance } from "./shortest-response.js";

const factories = new Map<string, LoadBalanceFactory>([
  ["random", () => createRandomLoadBalance()],
  ["roundrobin", () => createRoundRobinLoadBalance()],
  ["leastactive", () => createLeastActiveLoadBalance()],
  ["consistenthash", () => createConsistentHashLoadBalance()],
  ["shortestresponse", () => createShortestResponseLoadBalance()],
]);

/**
 * Makes `loadbalance=<name>` (in a URL, a reference or a config) find `factory`. Built-in names:
 * random, roundrobin, leastactive, consistenthash, shortestresponse. Registering a built-in name
 * replaces it.
 */
export function registerLoadBalance(name: string, factory: LoadBalanceFactory): void {
  factories.set(name, factory);
}

/** The factory registered under `name`, if any. */
export function getLoadBalanceFactory(name: string): LoadBalanceFactory | undefined {
  return factories.get(name);
}

/** Registered names, for error messages. */
export function loadBalanceNames(): string[] {
  return [...factories.keys()];
}
