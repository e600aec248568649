import type { Cluster, ClusterOptions } from "../cluster.js";
import { silentLogger } from "../logger.js";
import { RpcError } from "../rpc-error.js";
import { createClusterInvoker } from "./cluster-invoker.js";

/**
 * `failsafe` (FailsafeClusterInvoker): one attempt; any framework failure (NoInvoker included) is
 * logged and the call resolves with an empty result (`undefined`). For audit logs and other calls
 * whose failure may be ignored. Business exceptions still reach the caller.
 */
export function createFailsafeCluster(options: ClusterOptions = {}): Cluster {
  const logger = options.logger ?? silentLogger;
  return {
    join: (directory) => {
      const inner = createClusterInvoker(directory, options, (call) =>
        call.select(call.invokers, []).invoke(call.invocation),
      );
      return {
        url: inner.url,
        isAvailable: () => inner.isAvailable(),
        destroy: () => inner.destroy(),
        invoke: (invocation) =>
          inner.invoke(invocation).catch((e: unknown) => {
            const error = RpcError.from(e);
            logger.error(
              {
                service: directory.url.serviceKey,
                method: invocation.methodName,
                code: error.code,
              },
              `failsafe ignored: ${error.message}`,
            );
            return { value: undefined, attachments: {} };
          }),
      };
    },
  };
}
