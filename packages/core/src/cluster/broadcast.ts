import type { Cluster, ClusterOptions } from "../cluster.js";
import type { Result } from "../result.js";
import { RpcError } from "../rpc-error.js";
import { attemptFields, createClusterInvoker } from "./cluster-invoker.js";

/**
 * `broadcast` (BroadcastClusterInvoker): calls every provider one after the other (cache
 * refreshes, config pushes). A failure is a rejected call or a result carrying an exception;
 * with `broadcast.fail.percent` (0–100, default 100) it stops once failures reach that share of
 * the providers. If anything failed, the last failure is thrown (a failed result is returned as
 * is so its business exception reaches the caller); otherwise the last result is returned.
 */
export function createBroadcastCluster(options: ClusterOptions = {}): Cluster {
  return {
    join: (directory) =>
      createClusterInvoker(directory, options, async (call) => {
        const { invokers } = call;
        const percent = Number(call.param("broadcast.fail.percent") ?? 100);
        const threshold =
          Number.isFinite(percent) && percent >= 0 && percent < 100
            ? Math.floor((invokers.length * percent) / 100)
            : invokers.length;
        let failures = 0;
        let lastError: RpcError | undefined;
        let lastFailedResult: Result | undefined;
        let lastResult: Result | undefined;
        for (const invoker of invokers) {
          if (failures >= threshold && failures > 0) break;
          const startedAt = Date.now();
          try {
            const result = await invoker.invoke(call.invocation);
            lastResult = result;
            if (result.exception) {
              failures++;
              lastFailedResult = result;
              lastError = undefined;
            }
          } catch (e) {
            failures++;
            lastError = RpcError.from(e);
            lastFailedResult = undefined;
            call.logger.warn(
              attemptFields(call, invoker, lastError, startedAt),
              `broadcast call failed: ${lastError.message}`,
            );
          }
        }
        if (lastError) throw lastError;
        if (lastFailedResult) return lastFailedResult;
        return lastResult!;
      }),
  };
}
