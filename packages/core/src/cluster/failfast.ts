import type { Cluster, ClusterOptions } from "../cluster.js";
import { Code, RpcError } from "../rpc-error.js";
import { attemptFields, createClusterInvoker } from "./cluster-invoker.js";

/**
 * `failfast` (FailfastClusterInvoker): one attempt; a framework failure is rethrown with the same
 * code and the provider named. For non-idempotent writes.
 */
export function createFailfastCluster(options: ClusterOptions = {}): Cluster {
  return {
    join: (directory) =>
      createClusterInvoker(directory, options, async (call) => {
        const invoker = call.select(call.invokers, []);
        const startedAt = Date.now();
        try {
          return await invoker.invoke(call.invocation);
        } catch (e) {
          const error = RpcError.from(e);
          if (error.code === Code.Biz) throw error;
          call.logger.warn(attemptFields(call, invoker, error, startedAt), error.message);
          throw new RpcError(
            error.code,
            `Failfast invoke provider ${invoker.url.address} for the method ${call.invocation.methodName} in the service ${directory.url.serviceKey} failed: ${error.rawMessage}`,
            { cause: error },
          );
        }
      }),
  };
}
