import type { Cluster, ClusterOptions } from "../cluster.js";
import type { Invoker } from "../invoker.js";
import type { Result } from "../result.js";
import { RpcError } from "../rpc-error.js";
import { createClusterInvoker } from "./cluster-invoker.js";

/** `forks` default (DEFAULT_FORKS). */
export const DEFAULT_FORKS = 2;

/**
 * `forking` (ForkingClusterInvoker): calls `forks` distinct providers (default 2; all when
 * `forks ≤ 0` or ≥ the number of providers) in parallel and resolves with the first result that
 * arrives (a business exception is a result); rejects with the last failure when all fail. For
 * latency-critical reads; each call still has its own timeout.
 */
export function createForkingCluster(options: ClusterOptions = {}): Cluster {
  return {
    join: (directory) =>
      createClusterInvoker(directory, options, (call) => {
        const forks = Number(call.param("forks") ?? DEFAULT_FORKS);
        let selected: Invoker[];
        if (!Number.isInteger(forks) || forks <= 0 || forks >= call.invokers.length) {
          selected = [...call.invokers];
        } else {
          selected = [];
          for (let i = 0; i < forks; i++) {
            const invoker = call.select(call.invokers, selected);
            if (!selected.includes(invoker)) selected.push(invoker);
          }
        }
        return new Promise<Result>((resolve, reject) => {
          let failures = 0;
          for (const invoker of selected) {
            invoker.invoke(call.invocation).then(resolve, (e: unknown) => {
              failures++;
              if (failures === selected.length) {
                const error = RpcError.from(e);
                reject(
                  new RpcError(
                    error.code,
                    `Failed to forking invoke provider ${selected.map((s) => s.url.address).join(", ")} for the method ${call.invocation.methodName} in the service ${directory.url.serviceKey}. Last error is: ${error.rawMessage}`,
                    { cause: error },
                  ),
                );
              }
            });
          }
        });
      }),
  };
}
