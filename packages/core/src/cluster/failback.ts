import type { Cluster, ClusterOptions } from "../cluster.js";
import type { Invocation } from "../invocation.js";
import { silentLogger } from "../logger.js";
import { Code, RpcError } from "../rpc-error.js";
import { createClusterInvoker, isRetryable } from "./cluster-invoker.js";

/** Failback retries when `retries` is not set or ≤ 0 (DEFAULT_FAILBACK_TIMES). */
export const DEFAULT_FAILBACK_RETRIES = 3;
/** Time between failback retries (FailbackClusterInvoker.RETRY_FAILED_PERIOD, 5 s). */
export const FAILBACK_PERIOD_MS = 5_000;
/** Pending retry tasks at most (`failbacktasks`). */
export const DEFAULT_FAILBACK_TASKS = 100;

export interface FailbackOptions extends ClusterOptions {
  retryPeriodMs?: number;
  maxTasks?: number;
}

/**
 * `failback` (FailbackClusterInvoker): one attempt; on a framework failure the call resolves with
 * an empty result at once and is retried in the background every `retryPeriodMs` (5 s), choosing
 * a provider again each time, up to `retries` times (default 3), with at most `maxTasks` (100)
 * pending. For notifications. Timers do not keep the process alive and `destroy()` cancels them.
 * Business exceptions reach the caller and are not retried.
 */
export function createFailbackCluster(options: FailbackOptions = {}): Cluster {
  const logger = options.logger ?? silentLogger;
  const period = options.retryPeriodMs ?? FAILBACK_PERIOD_MS;
  const maxTasks = options.maxTasks ?? DEFAULT_FAILBACK_TASKS;
  return {
    join: (directory) => {
      const inner = createClusterInvoker(directory, options, (call) =>
        call.select(call.invokers, []).invoke(call.invocation),
      );
      const timers = new Set<NodeJS.Timeout>();
      const fields = (invocation: Invocation, error: RpcError) => ({
        service: directory.url.serviceKey,
        method: invocation.methodName,
        code: Code[error.code],
      });
      const schedule = (invocation: Invocation, remaining: number) => {
        if (timers.size >= maxTasks) {
          logger.error(
            { service: directory.url.serviceKey, method: invocation.methodName },
            `failback: ${maxTasks} retries already pending, this call is dropped`,
          );
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          inner.invoke(invocation).then(
            () => {},
            (e: unknown) => {
              const error = RpcError.from(e);
              if (remaining > 1 && isRetryable(error)) schedule(invocation, remaining - 1);
              else logger.error(fields(invocation, error), `failback gave up: ${error.message}`);
            },
          );
        }, period);
        timer.unref();
        timers.add(timer);
      };
      return {
        url: inner.url,
        isAvailable: () => inner.isAvailable(),
        async destroy() {
          for (const t of timers) clearTimeout(t);
          timers.clear();
          await inner.destroy();
        },
        invoke: (invocation) =>
          inner.invoke(invocation).catch((e: unknown) => {
            const error = RpcError.from(e);
            if (!isRetryable(error)) throw error;
            const configured = Number(
              inner.url.getMethodParameter(invocation.methodName, "retries") ?? NaN,
            );
            const retries =
              Number.isInteger(configured) && configured > 0
                ? configured
                : DEFAULT_FAILBACK_RETRIES;
            logger.warn(fields(invocation, error), `failback will retry later: ${error.message}`);
            schedule(invocation, retries);
            return { value: undefined, attachments: {} };
          }),
      };
    },
  };
}
