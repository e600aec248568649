import { chain, type Filter } from "./filter.js";
import { createInFlight } from "./in-flight.js";
import type { Invocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";
import type { Result } from "./result.js";
import { Code, RpcError } from "./rpc-error.js";
import { findMethod, type ServiceDefinition } from "./service-definition.js";
import type { ServiceUrl } from "./service-url.js";

/** The provider-side invoker of one exported service, with what graceful shutdown needs. */
export interface ServiceInvoker extends Invoker {
  /** Calls currently running through this invoker (filters included). */
  readonly inFlight: number;
  /** Resolves true once no call is running, or false after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<boolean>;
  /**
   * Graceful shutdown: calls arriving from now on are refused without running (a retryable
   * `Code.Network` error, so a failover consumer tries another provider); calls already running
   * finish. The application does this when the protocol sends `"R"`, so that a call can never be
   * executed here and then lost with the closing connection (and executed again elsewhere).
   */
  refuseNewCalls(): void;
}

export interface ServiceInvokerOptions {
  /** The provider URL (what is registered). */
  readonly url: ServiceUrl;
  /** The object whose methods serve the calls. */
  readonly implementation: object;
  readonly definition: ServiceDefinition;
  /** Provider filters; `filters[0]` is the outermost, the innermost `next` calls the method. */
  readonly filters?: readonly Filter[] | undefined;
}

/**
 * Wraps anything a service method throws as a business exception (`Code.Biz`), as Java does with
 * exceptions thrown by a service implementation: they travel as a result and are never retried.
 * `javaClass` on the thrown object (or an RpcError's) names the Java exception class.
 */
export function toBusinessError(reason: unknown): RpcError {
  if (reason instanceof RpcError && reason.code === Code.Biz) return reason;
  const javaClass =
    reason &&
    typeof reason === "object" &&
    typeof (reason as { javaClass?: unknown }).javaClass === "string"
      ? (reason as { javaClass: string }).javaClass
      : undefined;
  const message = reason instanceof Error ? reason.message : String(reason);
  return new RpcError(Code.Biz, message, {
    cause: reason,
    ...(javaClass ? { javaClass } : {}),
  });
}

/**
 * Serves calls of one service with an implementation object (Java's `AbstractProxyInvoker`). The
 * method is found by name and parameter types (then by name and argument count); an unknown
 * method rejects with `Code.MethodNotFound`; what the method throws becomes a Result carrying a
 * `Code.Biz` exception; what it returns (or resolves to) becomes the Result value.
 */
export function createServiceInvoker(options: ServiceInvokerOptions): ServiceInvoker {
  const { implementation, definition, url } = options;
  let destroyed = false;
  let refusing = false;
  const calls = createInFlight();

  const callMethod = async (invocation: Invocation): Promise<Result> => {
    const method =
      findMethod(definition, invocation.methodName, invocation.parameterTypes) ??
      definition.methods.find(
        (m) =>
          m.name === invocation.methodName && m.parameterTypes.length === invocation.args.length,
      );
    const fn = method && (implementation as Record<string, unknown>)[method.name];
    if (!method || typeof fn !== "function") {
      throw new RpcError(
        Code.MethodNotFound,
        `Service ${definition.interface} has no method ${invocation.methodName}(${invocation.parameterTypes.join(", ")})`,
      );
    }
    try {
      const value = await fn.apply(implementation, invocation.args);
      return { value, attachments: {} };
    } catch (e) {
      return { exception: toBusinessError(e), attachments: {} };
    }
  };
  const run = chain(options.filters ?? [], callMethod);

  return {
    url,
    get inFlight() {
      return calls.count;
    },
    async invoke(invocation) {
      if (refusing && !destroyed) {
        throw new RpcError(
          Code.Network,
          `provider ${url.address} is shutting down (read-only): ${url.serviceKey}.${invocation.methodName} was not run; retry on another provider`,
        );
      }
      if (destroyed) {
        throw new RpcError(
          Code.NoInvoker,
          `service ${url.serviceKey} is no longer exported on this provider`,
        );
      }
      calls.begin();
      try {
        return await run(invocation);
      } finally {
        calls.end();
      }
    },
    whenIdle: (timeoutMs) => calls.whenIdle(timeoutMs),
    refuseNewCalls() {
      refusing = true;
    },
    isAvailable: () => !destroyed && !refusing,
    async destroy() {
      destroyed = true;
    },
  };
}
