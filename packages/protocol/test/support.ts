import {
  Code,
  createInvocation,
  findMethod,
  type Invocation,
  type Invoker,
  type Result,
  RpcError,
  type ServiceDefinition,
  ServiceUrl,
} from "@dubbo-ts/core/spi";
import { withBuiltinFilters } from "@dubbo-ts/core/testing";
import { HessianError } from "../src/hessian/hessian-error.js";

/** A provider URL on loopback; port 0 lets the server pick one. */
export function providerUrl(
  definition: ServiceDefinition,
  port = 0,
  parameters: Record<string, string> = {},
): ServiceUrl {
  return new ServiceUrl({
    protocol: "dubbo",
    host: "127.0.0.1",
    port,
    path: definition.interface,
    parameters: { interface: definition.interface, ...parameters },
  });
}

/**
 * A minimal provider-side invoker over an implementation object (what core's service invoker
 * does, without filters): a thrown error becomes a business exception result. With `definition`,
 * `$echo` and `$invoke` are served too (core's built-in EchoFilter/GenericFilter).
 */
export function implementationInvoker(
  url: ServiceUrl,
  implementation: object,
  definition?: ServiceDefinition,
): Invoker {
  const invoker: Invoker = {
    url,
    isAvailable: () => true,
    destroy: async () => undefined,
    async invoke(invocation: Invocation): Promise<Result> {
      const fn = (implementation as Record<string, unknown>)[invocation.methodName];
      if (typeof fn !== "function") {
        throw new RpcError(Code.MethodNotFound, `no method ${invocation.methodName}`);
      }
      try {
        return { value: await fn.apply(implementation, invocation.args), attachments: {} };
      } catch (e) {
        const javaClass = (e as { javaClass?: string }).javaClass;
        return {
          exception: new RpcError(Code.Biz, (e as Error).message, { cause: e, javaClass }),
          attachments: {},
        };
      }
    },
  };
  return definition ? withBuiltinFilters(invoker, definition) : invoker;
}

/** Calls `method` of `definition` through `invoker` with plain arguments. */
export async function call(
  invoker: Invoker,
  definition: ServiceDefinition,
  method: string,
  args: unknown[],
  attachments: Record<string, unknown> = {},
  version?: string,
): Promise<Result> {
  const m = findMethod(definition, method);
  if (!m) throw new Error(`no method ${method} in the test contract`);
  return invoker.invoke(
    createInvocation({
      serviceName: definition.interface,
      version,
      methodName: m.name,
      parameterTypes: m.parameterTypes,
      returnType: m.returnType,
      args,
      attachments,
    }),
  );
}

/** Rejection of a promise as an RpcError (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RpcError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The HessianError `fn` throws (any other error is rethrown; no error fails the test). */
export function hessianErrorOf(fn: () => unknown): HessianError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HessianError) return e;
    throw e;
  }
  throw new Error("expected a HessianError, nothing was thrown");
}
