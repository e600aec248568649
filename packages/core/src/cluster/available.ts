import type { Cluster, ClusterOptions } from "../cluster.js";
import { Code, RpcError } from "../rpc-error.js";
import { createClusterInvoker } from "./cluster-invoker.js";

/**
 * `available` (AvailableClusterInvoker): calls the first available provider, without balancing;
 * `Code.NoInvoker` when none is available.
 */
export function createAvailableCluster(options: ClusterOptions = {}): Cluster {
  return {
    join: (directory) =>
      createClusterInvoker(directory, options, (call) => {
        const invoker = call.invokers.find((i) => i.isAvailable());
        if (!invoker) {
          return Promise.reject(
            new RpcError(
              Code.NoInvoker,
              `No provider available for the service ${directory.url.serviceKey}: all ${call.invokers.length} are unavailable`,
            ),
          );
        }
        return invoker.invoke(call.invocation);
      }),
  };
}
