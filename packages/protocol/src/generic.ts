import {
  createInvocation,
  type Invocation,
  type MethodDefinition,
  type ServiceDefinition,
  toDescriptor,
} from "@dubbo-ts/core";

/**
 * Generic invocation (`GenericService.$invoke`, dubbo-protocol.md §3.10): the method `$invoke`
 * with the descriptor `Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/Object;`
 * (CommonConstants.GENERIC_PARAMETER_DESC) and the attachment `generic=true`.
 */
export const GENERIC_METHOD = "$invoke";
export const GENERIC_ASYNC_METHOD = "$invokeAsync";
export const GENERIC_PARAMETER_TYPES: readonly string[] = Object.freeze([
  "java.lang.String",
  "java.lang.String[]",
  "java.lang.Object[]",
]);

/** `$echo(Object)` (EchoService / EchoFilter): answered by the provider with its argument. */
export const ECHO_METHOD = "$echo";
export const ECHO_PARAMETER_TYPES: readonly string[] = Object.freeze(["java.lang.Object"]);

/** RpcUtils.isGenericCall: `$invoke`/`$invokeAsync` with the generic descriptor. */
export function isGenericCall(methodName: string, descriptor: string): boolean {
  return (
    (methodName === GENERIC_METHOD || methodName === GENERIC_ASYNC_METHOD) &&
    descriptor === "Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/Object;"
  );
}

/** RpcUtils.isEcho: `$echo` with one `Object`. */
export function isEchoCall(methodName: string, descriptor: string): boolean {
  return methodName === ECHO_METHOD && descriptor === "Ljava/lang/Object;";
}

/**
 * The only generic modes served (`generic` attachment): blank, `true` and `raw.return` take maps.
 * `nativejava`, `bean`, `gson`, `protobuf-json` are refused: they were the CVE-2021-30179 route.
 */
export function isSupportedGenericMode(mode: unknown): boolean {
  return (
    mode === undefined || mode === null || mode === "" || mode === "true" || mode === "raw.return"
  );
}

/** The JVM descriptor of a Java type name as GenericService callers write it (`int`, `[Ljava.lang.String;`). */
function descriptorOfName(name: string): string | undefined {
  if (name.startsWith("[")) return name.replace(/\./g, "/");
  try {
    return toDescriptor(name);
  } catch {
    return undefined;
  }
}

/**
 * The contract method a generic call names (GenericFilter: `findMethodByMethodSignature`): by
 * name and erased parameter types; with no types given, by name when it is unambiguous.
 */
export function findGenericTarget(
  definition: ServiceDefinition,
  name: string,
  types: readonly string[],
): MethodDefinition | undefined {
  const candidates = definition.methods.filter((m) => m.name === name);
  if (types.length === 0 && candidates.length === 1) return candidates[0];
  const wanted = types.map(descriptorOfName);
  return candidates.find(
    (m) =>
      m.parameterTypes.length === wanted.length &&
      m.parameterTypes.every((t, i) => toDescriptor(t) === wanted[i]),
  );
}

/** PojoUtils.realize for the map form: drops `class` keys so the method sees plain DTO objects. */
export function realize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(realize);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, realize(v)]));
  if (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "class" && typeof v === "string") continue;
      out[k] = realize(v);
    }
    return out;
  }
  return value;
}

/**
 * A consumer-side generic call of `method` on `serviceName`: send it through any invoker of that
 * service. `parameterTypes` are Java type names; DTO arguments are plain objects (a `class` key
 * names their Java class). The result comes back generalized (DTOs as objects with `class`).
 */
export function createGenericInvocation(init: {
  serviceName: string;
  version?: string;
  group?: string;
  method: string;
  parameterTypes: readonly string[];
  args: readonly unknown[];
  attachments?: Record<string, unknown>;
}): Invocation {
  return createInvocation({
    serviceName: init.serviceName,
    version: init.version,
    group: init.group,
    methodName: GENERIC_METHOD,
    parameterTypes: GENERIC_PARAMETER_TYPES,
    returnType: "java.lang.Object",
    args: [init.method, [...init.parameterTypes], [...init.args]],
    attachments: { generic: "true", ...init.attachments },
  });
}
