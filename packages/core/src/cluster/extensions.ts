import type { ClusterFactory } from "../cluster.js";
import { createAvailableCluster } from "./available.js";
import { createBroadcastCluster } from "./broadcast.js";
import { createFailbackCluster } from "./failback.js";
import { createFailfastCluster } from "./failfast.js";
import { createFailoverCluster } from "./failover.js";
import { createFailsafeCluster } from "./failsafe.js";
import { createForkingCluster } from "./forking.js";

const factories = new Map<string, ClusterFactory>([
  ["failover", createFailoverCluster],
  ["failfast", createFailfastCluster],
  ["failsafe", createFailsafeCluster],
  ["failback", createFailbackCluster],
  ["forking", createForkingCluster],
  ["broadcast", createBroadcastCluster],
  ["available", createAvailableCluster],
]);

/**
 * Makes `cluster=<name>` find `factory`. Built-in names: failover (default), failfast, failsafe,
 * failback, forking, broadcast, available. Registering a built-in name replaces it.
 */
export function registerCluster(name: string, factory: ClusterFactory): void {
  factories.set(name, factory);
}

/** The factory registered under `name`, if any. */
export function getClusterFactory(name: string): ClusterFactory | undefined {
  return factories.get(name);
}

/** Registered names, for error messages. */
export function clusterNames(): string[] {
  return [...factories.keys()];
}
