import type { Filter } from "../filter.js";
import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import { Code, RpcError } from "../rpc-error.js";
import { beginCount, endCount, getStatus } from "../rpc-status.js";

/**
 * Consumer side, per provider (Java's ActiveLimitFilter): counts every call in `RpcStatus` (which
 * `leastactive` and `shortestresponse` read), and when `actives` (method-level first) is set,
 * waits for a free slot up to the call's timeout once `actives` calls to this provider's method
 * are in flight, then fails with `Code.LimitExceeded`. Failures count as failed, business
 * exceptions as succeeded (they are answers).
 */
export function createActiveLimitFilter(
  invoker: Invoker,
  timeoutOf: (invocation: Invocation) => number,
): Filter {
  return (next) => async (invocation) => {
    const method = invocation.methodName;
    const max = Number(invoker.url.getMethodParameter(method, "actives") ?? 0);
    if (max > 0) {
      const status = getStatus(invoker, method);
      if (status.active >= max) {
        const timeout = timeoutOf(invocation);
        const start = Date.now();
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeout);
        });
        try {
          while (status.active >= max) {
            if (Date.now() - start >= timeout) {
              throw new RpcError(
                Code.LimitExceeded,
                `Waiting concurrent invoke timeout in client-side for service: ${invoker.url.serviceKey}, method: ${method}, elapsed: ${Date.now() - start}, timeout: ${timeout}. concurrent invokes: ${status.active}. max concurrent invoke limit: ${max}`,
              );
            }
            await Promise.race([status.whenSlotFrees(), expired]);
          }
        } finally {
          clearTimeout(timer);
        }
      }
    }
    const start = Date.now();
    beginCount(invoker, method);
    try {
      const result = await next(invocation);
      endCount(invoker, method, Date.now() - start, true);
      return result;
    } catch (e) {
      endCount(invoker, method, Date.now() - start, false);
      throw e;
    }
  };
}
