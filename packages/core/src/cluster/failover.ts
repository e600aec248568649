import type { Cluster, ClusterOptions } from "../cluster.js";
import type { Invoker } from "../invoker.js";
import type { Result } from "../result.js";
import { RpcError } from "../rpc-error.js";
import {
  attemptFields,
  createClusterInvoker,
  isRetryable,
  withListedMethods,
} from "./cluster-invoker.js";

/** `retries` default: 2, so 3 attempts (CommonConstants.DEFAULT_RETRIES). */
export const DEFAULT_RETRIES = 2;

/**
 * `failover` (the default, FailoverClusterInvoker): up to `retries + 1` attempts (`retries` is
 * method-level first, default 2; a per-call `retries` attachment wins; ≤ 0 means one attempt).
 * Before each retry the directory is listed again and a provider not yet tried is preferred.
 * Business exceptions arrive as a `Result` and are returned at once; an `RpcError` with
 * `Code.Biz`, `MethodNotFound` or `Serialization` is rethrown at once (see `isRetryable`).
 * Everything else (timeout, network, NoInvoker, limit, unknown) is retried. The final error keeps the last error's code. Non-idempotent methods need `retries: 0`.
 */
export function createFailoverCluster(options: ClusterOptions = {}): Cluster {
  return {
    join: (directory) =>
      createClusterInvoker(directory, options, async (call) => {
        const { invocation } = call;
        const attachment = invocation.attachments.retries;
        const retries =
          attachment !== undefined && Number.isInteger(Number(attachment))
            ? Number(attachment)
            : Number(call.param("retries") ?? DEFAULT_RETRIES);
        const attempts = Number.isInteger(retries) && retries > 0 ? retries + 1 : 1;
        let invokers = call.invokers;
        const tried: Invoker[] = [];
        let last: RpcError | undefined;
        for (let i = 0; i < attempts; i++) {
          if (i > 0) {
            try {
              invokers = call.relist();
            } catch (e) {
              last = RpcError.from(e);
              continue;
            }
          }
          const invoker = call.select(invokers, tried);
          tried.push(invoker);
          const startedAt = Date.now();
          try {
            const result: Result = await invoker.invoke(invocation);
            if (last) {
              call.logger.warn(
                { ...attemptFields(call, invoker, last, startedAt), attempt: i + 1 },
                `failover succeeded on attempt ${i + 1} after: ${last.message}`,
              );
            }
            return result;
          } catch (e) {
            const error = withListedMethods(RpcError.from(e), invoker);
            // Not a provider's failure, or the same on every provider: fail once, unlogged.
            if (!isRetryable(error)) throw error;
            last = error;
            call.logger.warn(
              { ...attemptFields(call, invoker, error, startedAt), attempt: i + 1, attempts },
              `call failed on ${invoker.url.address}${i + 1 < attempts ? ", retrying another provider" : ""}: ${error.message}`,
            );
          }
        }
        const providers = [...new Set(tried.map((t) => t.url.address))];
        throw new RpcError(
          last!.code,
          `Failed to invoke the method ${invocation.methodName} in the service ${call.directory.url.serviceKey}. Tried ${attempts} times of the providers [${providers.join(", ")}] (${providers.length}/${invokers.length}). Last error is: ${last!.rawMessage}`,
          { cause: last },
        );
      }),
  };
}
