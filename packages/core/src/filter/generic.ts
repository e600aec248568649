import type { Filter } from "../filter.js";
import { GENERIC_INVOKE, GENERIC_INVOKE_ASYNC, generalize, realize } from "../generic.js";
import { toDescriptor } from "../java-type.js";
import { Code, RpcError } from "../rpc-error.js";
import type { MethodDefinition, ServiceDefinition } from "../service-definition.js";

function sameErasure(a: readonly string[], b: readonly string[]): boolean {
  try {
    return a.length === b.length && a.every((t, i) => toDescriptor(t) === toDescriptor(b[i]!));
  } catch {
    return false;
  }
}

/** The contract method a generic call names: exact types first, then the same erased types. */
export function findGenericTarget(
  definition: ServiceDefinition,
  name: string,
  types: readonly string[],
): MethodDefinition | undefined {
  const candidates = definition.methods.filter((m) => m.name === name);
  return (
    candidates.find(
      (m) =>
        m.parameterTypes.length === types.length &&
        m.parameterTypes.every((t, i) => t === types[i]),
    ) ?? candidates.find((m) => sameErasure(m.parameterTypes, types))
  );
}

/**
 * Provider side (Java's GenericFilter): turns `$invoke(method, types, args)` into a call of the
 * named method (found by name and Java parameter types, generics erased), with `class` keys
 * dropped from map arguments, and returns the result generalized (DTOs as maps with `class`).
 * Unknown method → `Code.MethodNotFound`; argument count ≠ type count → `Code.Unknown`.
 */
export function createGenericFilter(definition: ServiceDefinition): Filter {
  return (next) => (invocation) => {
    const name = invocation.methodName;
    if (
      (name !== GENERIC_INVOKE && name !== GENERIC_INVOKE_ASYNC) ||
      invocation.args.length !== 3
    ) {
      return next(invocation);
    }
    const [method, rawTypes, rawArgs] = invocation.args as [unknown, unknown, unknown];
    const types = ((rawTypes as unknown[] | null) ?? []).map(String);
    const args = (rawArgs as unknown[] | null) ?? [];
    const target =
      typeof method === "string" ? findGenericTarget(definition, method, types) : undefined;
    if (!target) {
      return Promise.reject(
        new RpcError(
          Code.MethodNotFound,
          `Service ${definition.interface} has no method ${String(method)}(${types.join(", ")})`,
        ),
      );
    }
    if (args.length !== types.length) {
      return Promise.reject(
        new RpcError(
          Code.Unknown,
          `GenericFilter#invoke args.length != types.length (${args.length} != ${types.length}) calling ${definition.interface}.${target.name}`,
        ),
      );
    }
    return next({
      ...invocation,
      methodName: target.name,
      parameterTypes: target.parameterTypes,
      returnType: target.returnType,
      args: args.map(realize),
    }).then((result) =>
      result.exception ? result : { ...result, value: generalize(result.value, target.returnType) },
    );
  };
}
