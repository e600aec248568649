import type { Filter } from "../filter.js";
import {
  GENERIC_INVOKE,
  GENERIC_INVOKE_ASYNC,
  GenericResult,
  isSupportedGenericMode,
  realize,
} from "../generic.js";
import { toDescriptor } from "../java-type.js";
import { Code, RpcError } from "../rpc-error.js";
import type { MethodDefinition, ServiceDefinition } from "../service-definition.js";

/**
 * The JVM descriptor of a Java type name as GenericService callers write it: a source name
 * (`int`, `java.util.List<T>`, `java.lang.String[]`) or a `Class.getName()` array name
 * (`[Ljava.lang.String;`).
 */
function descriptorOfName(name: string): string | undefined {
  if (name.startsWith("[")) return name.replace(/\./g, "/");
  try {
    return toDescriptor(name);
  } catch {
    return undefined;
  }
}

/**
 * The contract method a generic call names (GenericFilter → ReflectUtils.findMethodByMethodSignature):
 * by name and parameter types, exact first, then with generics erased; with no types given, by
 * name alone when it is unambiguous.
 */
export function findGenericTarget(
  definition: ServiceDefinition,
  name: string,
  types: readonly string[],
): MethodDefinition | undefined {
  const candidates = definition.methods.filter((m) => m.name === name);
  if (types.length === 0 && candidates.length === 1) return candidates[0];
  const exact = candidates.find(
    (m) =>
      m.parameterTypes.length === types.length && m.parameterTypes.every((t, i) => t === types[i]),
  );
  if (exact) return exact;
  const wanted = types.map(descriptorOfName);
  return candidates.find(
    (m) =>
      m.parameterTypes.length === wanted.length &&
      m.parameterTypes.every((t, i) => toDescriptor(t) === wanted[i]),
  );
}

/** Java's RpcException text, as a Java consumer sees a provider-side failure (status 70). */
const RPC_EXCEPTION = "org.apache.dubbo.rpc.RpcException: ";

/**
 * Provider side (Java's GenericFilter): turns `$invoke(method, types, args)` into a call of the
 * named method (`findGenericTarget`), with `class` keys dropped from map arguments (realize), and
 * returns a `GenericResult` (the value with the method's Java return type, to be sent generalized,
 * or raw for `generic=raw.return`). Modes other than maps are refused (CVE-2021-30179), an unknown
 * method is `Code.MethodNotFound`, an argument count other than the type count `Code.Unknown`.
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
    const mode = invocation.attachments.generic;
    if (!isSupportedGenericMode(mode)) {
      return Promise.reject(
        new RpcError(
          Code.Forbidden,
          `${RPC_EXCEPTION}generic mode "${typeof mode === "string" ? mode : typeof mode}" is refused: only generic=true (maps with a "class" key) is served`,
        ),
      );
    }
    const [method, rawTypes, rawArgs] = invocation.args as [unknown, unknown, unknown];
    const types = Array.isArray(rawTypes) ? rawTypes : [];
    const args = Array.isArray(rawArgs) ? rawArgs : [];
    if (typeof method !== "string" || !types.every((t) => typeof t === "string")) {
      return Promise.reject(
        new RpcError(
          Code.Unknown,
          `${RPC_EXCEPTION}generic call without a method name or with non-string parameter types`,
        ),
      );
    }
    const target = findGenericTarget(definition, method, types as string[]);
    if (!target) {
      return Promise.reject(
        new RpcError(
          Code.MethodNotFound,
          `${RPC_EXCEPTION}java.lang.NoSuchMethodException: Service ${definition.interface} has no method ${method}(${types.join(", ")})`,
        ),
      );
    }
    if (args.length !== target.parameterTypes.length) {
      return Promise.reject(
        new RpcError(
          Code.Unknown,
          `${RPC_EXCEPTION}GenericFilter#invoke args.length != types.length (${args.length} != ${target.parameterTypes.length})`,
        ),
      );
    }
    return next({
      ...invocation,
      // A protocol's signal may be a getter of its invocation's prototype, which a spread skips.
      get signal() {
        return invocation.signal;
      },
      methodName: target.name,
      parameterTypes: target.parameterTypes,
      returnType: target.returnType,
      args: args.map(realize),
    }).then((result) =>
      result.exception
        ? result
        : {
            ...result,
            value: new GenericResult(result.value, target.returnType, mode === "raw.return"),
          },
    );
  };
}
