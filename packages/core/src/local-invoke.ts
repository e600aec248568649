import { GENERIC_INVOKE, GENERIC_PARAMETER_TYPES, GenericResult } from "./generic.js";
import { createInvocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";
import { recreate } from "./result.js";
import { Code, RpcError } from "./rpc-error.js";
import type { ServiceDefinition } from "./service-definition.js";

/**
 * Calls an exported service in this process the way a generic consumer would (`$invoke` with the
 * parameter types the contract declares), through the service's provider filters: arguments are
 * realized to the declared Java types, the value comes back generalized (DTOs as plain objects).
 * The method is chosen by name and argument count; none → `Code.MethodNotFound`, several
 * overloads of that count → TypeError asking for fewer ambiguities. Used by QoS `invoke`.
 */
export async function invokeExported(
  service: { readonly invoker: Invoker; readonly definition: ServiceDefinition },
  method: string,
  args: readonly unknown[],
): Promise<unknown> {
  const { invoker, definition } = service;
  const candidates = definition.methods.filter(
    (m) => m.name === method && m.parameterTypes.length === args.length,
  );
  if (candidates.length === 0) {
    throw new RpcError(
      Code.MethodNotFound,
      `${definition.interface} has no method ${method} taking ${args.length} argument(s)`,
    );
  }
  if (candidates.length > 1) {
    throw new TypeError(
      `${definition.interface}.${method} has ${candidates.length} overloads taking ${args.length} argument(s): ${candidates.map((m) => `(${m.parameterTypes.join(", ")})`).join(" ")}; call it through a generic reference with explicit types`,
    );
  }
  const url = invoker.url;
  const invocation = createInvocation({
    serviceName: url.path,
    version: url.getParameter("version"),
    group: url.getParameter("group"),
    methodName: GENERIC_INVOKE,
    parameterTypes: GENERIC_PARAMETER_TYPES,
    args: [method, candidates[0]!.parameterTypes, args],
    attachments: { generic: "true" },
  });
  const value = recreate(await invoker.invoke(invocation));
  // The generic filter leaves the generalizing to the protocol's writer; do it here.
  return value instanceof GenericResult ? value.toPlain() : value;
}
