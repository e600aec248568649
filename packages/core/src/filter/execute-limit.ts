import type { Filter } from "../filter.js";
import { Code, RpcError } from "../rpc-error.js";
import type { ServiceUrl } from "../service-url.js";

/**
 * Provider side (Java's ExecuteLimitFilter): at most `executes` (method-level first) concurrent
 * executions per method of this service; beyond that the call is rejected at once with
 * `Code.LimitExceeded` (status 70 on the wire, so a failover consumer tries another provider).
 * `executes` 0 or absent means unlimited.
 */
export function createExecuteLimitFilter(url: ServiceUrl): Filter {
  const running = new Map<string, number>();
  return (next) => async (invocation) => {
    const method = invocation.methodName;
    const max = Number(url.getMethodParameter(method, "executes") ?? 0);
    if (!(max > 0)) return next(invocation);
    const count = running.get(method) ?? 0;
    if (count >= max) {
      throw new RpcError(
        Code.LimitExceeded,
        `Failed to invoke method ${method} in provider ${url.address}, cause: The service using threads greater than <dubbo:service executes="${max}" /> limited.`,
      );
    }
    running.set(method, count + 1);
    try {
      return await next(invocation);
    } finally {
      running.set(method, (running.get(method) ?? 1) - 1);
    }
  };
}
