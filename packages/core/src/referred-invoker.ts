import { createActiveLimitFilter } from "./filter/active-limit.js";
import type { Invocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";
import { getStatus } from "./rpc-status.js";
import type { ServiceUrl } from "./service-url.js";

/** Call timeout when nothing sets one (CommonConstants.DEFAULT_TIMEOUT). */
export const DEFAULT_TIMEOUT = 1000;

/**
 * The timeout of a call in ms (RpcUtils.calculateTimeout): a per-call `timeout` attachment
 * (`RpcContext.withAttachments({ timeout })`), else the method-level `<method>.timeout`, else
 * `timeout`, else 1000. `url` is the provider URL merged with the consumer's parameters, so the
 * order is: consumer method > provider method > consumer reference (or consumer default) >
 * provider service > 1000 — Dubbo's documented precedence.
 */
export function callTimeout(url: ServiceUrl, invocation: Invocation): number {
  const fromCall = Number(invocation.attachments.timeout);
  if (invocation.attachments.timeout !== undefined && Number.isFinite(fromCall) && fromCall > 0) {
    return fromCall;
  }
  const configured = Number(url.getMethodParameter(invocation.methodName, "timeout"));
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT;
}

/**
 * Wraps an invoker from `Protocol.refer` for use in a directory: sets the `timeout` attachment
 * (string, as Java's DubboInvoker; the protocol's per-call timer must use it) and the provider's
 * `token`, counts calls in `RpcStatus` and applies `actives`. `destroy()` first waits for the calls
 * in flight through this wrapper (up to `drainMs`) so that a provider leaving the registry does not
 * fail calls it is still answering.
 */
export function createReferredInvoker(inner: Invoker, drainMs?: number): Invoker {
  const url = inner.url;
  const token = url.getParameter("token");
  let destroyed = false;
  const wrapper: Invoker = {
    url,
    isAvailable: () => !destroyed && inner.isAvailable(),
    invoke: (invocation) => run(invocation),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      const status = getStatus(wrapper);
      const deadline =
        Date.now() +
        (drainMs ?? Math.min(url.getNumber("timeout", DEFAULT_TIMEOUT) + 1000, 60_000));
      while (status.active > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          status.whenSlotFrees(),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, deadline - Date.now());
          }),
        ]);
        clearTimeout(timer);
      }
      await inner.destroy();
    },
  };
  const limited = createActiveLimitFilter(wrapper, (invocation) => callTimeout(url, invocation))(
    (invocation) => inner.invoke(invocation),
  );
  const run = (invocation: Invocation) => {
    const attachments: Record<string, unknown> = {
      ...invocation.attachments,
      timeout: String(callTimeout(url, invocation)),
    };
    if (token !== undefined && attachments.token === undefined) attachments.token = token;
    return limited({ ...invocation, attachments });
  };
  return wrapper;
}
