import type { CallPlan, Invocation } from "./invocation.js";
import { toParameterDescriptor } from "./java-type.js";
import type { ServiceUrl } from "./service-url.js";

export type { CallPlan };

/** Call timeout when nothing sets one (CommonConstants.DEFAULT_TIMEOUT). */
export const DEFAULT_TIMEOUT = 1000;

/**
 * The planner of calls to the provider at `url` (the provider URL merged with the consumer's
 * parameters, so the precedence is Java's RpcUtils.calculateTimeout / documented order: call
 * attachment > consumer method > provider method > consumer reference (or consumer default) >
 * provider service > 1000). What comes from the URL is computed once per method; a call that
 * attaches no `timeout`/`return`/`token` gets the method's shared plan object.
 */
export function createCallPlanner(url: ServiceUrl): (invocation: Invocation) => CallPlan {
  const urlToken = url.getParameter("token");
  const byMethod = new Map<string, CallPlan>();
  const descriptors = new WeakMap<readonly string[], string>();
  return (invocation) => {
    const { methodName, parameterTypes, attachments } = invocation;
    let plan = byMethod.get(methodName);
    let descriptor = descriptors.get(parameterTypes);
    if (descriptor === undefined) {
      descriptor = toParameterDescriptor(parameterTypes);
      descriptors.set(parameterTypes, descriptor);
    }
    if (!plan || plan.descriptor !== descriptor) {
      const configured = Number(url.getMethodParameter(methodName, "timeout"));
      plan = {
        timeout: Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT,
        oneWay: url.getMethodParameter(methodName, "return") === "false",
        token: urlToken,
        descriptor,
      };
      byMethod.set(methodName, plan);
    }
    const timeout = attachments.timeout;
    const ret = attachments.return;
    const token = urlToken === undefined ? attachments.token : undefined;
    if (timeout === undefined && ret === undefined && (token === undefined || token === null)) {
      return plan;
    }
    const fromCall = Number(timeout);
    return {
      timeout:
        timeout !== undefined && Number.isFinite(fromCall) && fromCall > 0
          ? fromCall
          : plan.timeout,
      oneWay: ret === undefined ? plan.oneWay : String(ret) === "false",
      token: token === undefined || token === null ? plan.token : String(token),
      descriptor,
    };
  };
}
