import type { Filter, Invoke } from "../filter.js";
import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { Result } from "../result.js";
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
  return (next) => (invocation) => {
    try {
      const method = invocation.methodName;
      const max = Number(invoker.url.getMethodParameter(method, "actives") ?? 0);
      if (max > 0 && getStatus(invoker, method).active >= max) {
        return waitForSlot(invoker, method, max, timeoutOf(invocation)).then(() =>
          counted(invoker, next, invocation),
        );
      }
      // The usual call: no promise of this filter's own, only the count around the next step's.
      return counted(invoker, next, invocation);
    } catch (e) {
      return Promise.reject(e);
    }
  };
}

/** Waits until fewer than `max` calls to the method are in flight, or fails after `timeout` ms. */
async function waitForSlot(
  invoker: Invoker,
  method: string,
  max: number,
  timeout: number,
): Promise<void> {
  const status = getStatus(invoker, method);
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

/** `next(invocation)` counted in RpcStatus: failures as failed, results (answers) as succeeded. */
function counted(invoker: Invoker, next: Invoke, invocation: Invocation): Promise<Result> {
  const method = invocation.methodName;
  const start = Date.now();
  beginCount(invoker, method);
  let result: Promise<Result>;
  try {
    result = next(invocation);
  } catch (e) {
    endCount(invoker, method, Date.now() - start, false);
    return Promise.reject(e);
  }
  return result.then(
    (r) => {
      endCount(invoker, method, Date.now() - start, true);
      return r;
    },
    (e: unknown) => {
      endCount(invoker, method, Date.now() - start, false);
      throw e;
    },
  );
}
