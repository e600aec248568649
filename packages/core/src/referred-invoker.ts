import { type CallPlan, createCallPlanner, DEFAULT_TIMEOUT } from "./call-plan.js";
import { createActiveLimitFilter } from "./filter/active-limit.js";
import type { Invocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";
import { getStatus } from "./rpc-status.js";
import type { ServiceUrl } from "./service-url.js";

/** The timeout of a call in ms, as the call plan resolves it (`createCallPlanner`). */
export function callTimeout(url: ServiceUrl, invocation: Invocation): number {
  return createCallPlanner(url)(invocation).timeout;
}

/**
 * Wraps an invoker from `Protocol.refer` for use in a directory: plans each call once
 * (`Invocation.call`: timeout, one-way, token, descriptor — the protocol reads them from there),
 * counts calls in `RpcStatus` and applies `actives` with the planned timeout. `destroy()` first waits for the calls
 * in flight through this wrapper (up to `drainMs`) so that a provider leaving the registry does not
 * fail calls it is still answering.
 */
export function createReferredInvoker(inner: Invoker, drainMs?: number): Invoker {
  const url = inner.url;
  const plan = createCallPlanner(url);
  let destroyed = false;
  const wrapper: Invoker = {
    url,
    isAvailable: () => !destroyed && inner.isAvailable(),
    invoke: (invocation) => run(invocation),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      const drain = drainMs ?? Math.min(url.getNumber("timeout", DEFAULT_TIMEOUT) + 1000, 60_000);
      await getStatus(wrapper).calls.whenIdle(drain);
      await inner.destroy();
    },
  };
  const limited = createActiveLimitFilter(
    wrapper,
    (invocation) => (invocation.call as CallPlan).timeout,
  )((invocation) => inner.invoke(invocation));
  const run = (invocation: Invocation) => {
    let call: CallPlan;
    try {
      call = plan(invocation);
    } catch (e) {
      return Promise.reject(e);
    }
    return limited({ ...invocation, call });
  };
  return wrapper;
}
