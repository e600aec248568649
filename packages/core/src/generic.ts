import { createInvocation, type Invocation } from "./invocation.js";
import { getJavaClass, getJavaClassOf, type JavaType, parseJavaType } from "./java-type.js";
import type { MethodDefinition, ServiceDefinition } from "./service-definition.js";

/** Generic call method names (GenericService). */
export const GENERIC_INVOKE = "$invoke";
export const GENERIC_INVOKE_ASYNC = "$invokeAsync";
/** Java types of `$invoke(String method, String[] parameterTypes, Object[] args)` (GENERIC_PARAMETER_DESC). */
export const GENERIC_PARAMETER_TYPES: readonly string[] = Object.freeze([
  "java.lang.String",
  "java.lang.String[]",
  "java.lang.Object[]",
]);
/** CommonConstants.GENERIC_PARAMETER_DESC: the JVM descriptor of `$invoke`'s parameters. */
export const GENERIC_PARAMETER_DESC = "Ljava/lang/String;[Ljava/lang/String;[Ljava/lang/Object;";

/** `$echo(Object)` (EchoService): every provider answers it with its argument (EchoFilter). */
export const ECHO_METHOD = "$echo";
export const ECHO_PARAMETER_TYPES: readonly string[] = Object.freeze(["java.lang.Object"]);
/** The JVM descriptor of `$echo`'s parameter. */
export const ECHO_PARAMETER_DESC = "Ljava/lang/Object;";

/** RpcUtils.isGenericCall: `$invoke`/`$invokeAsync` with the generic descriptor. */
export function isGenericCall(methodName: string, descriptor: string): boolean {
  return (
    (methodName === GENERIC_INVOKE || methodName === GENERIC_INVOKE_ASYNC) &&
    descriptor === GENERIC_PARAMETER_DESC
  );
}

/** RpcUtils.isEcho: `$echo` with one `Object`. */
export function isEchoCall(methodName: string, descriptor: string): boolean {
  return methodName === ECHO_METHOD && descriptor === ECHO_PARAMETER_DESC;
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

/**
 * What a provider's generic call returns (GenericFilter.onResponse): the target method's value
 * with its declared Java type, to be sent generalized (PojoUtils.generalize: DTOs as maps with a
 * `"class"` key, enums as names) unless the caller asked for `generic=raw.return`. A protocol
 * with a Java codec writes this form straight from the typed value, so every leaf keeps its Java
 * type (a `Long` field stays a long); `toPlain()` is the same shape as plain JS values.
 */
export class GenericResult {
  constructor(
    readonly value: unknown,
    readonly returnType: string,
    readonly raw: boolean,
  ) {}

  toPlain(): unknown {
    return this.raw ? this.value : generalize(this.value, this.returnType);
  }
}

/**
 * Calls any Dubbo service without its contract (Java's `GenericService`): name the method, its
 * Java parameter types and the arguments; DTOs are plain objects, optionally with a `class` key.
 * Results come back as plain values (Java providers add `class` to objects). Every proxy has
 * these methods too, and `$echo` returns its argument (a liveness check).
 */
export interface GenericService {
  $invoke(
    method: string,
    parameterTypes: readonly string[],
    args: readonly unknown[],
  ): Promise<unknown>;
  $echo<T>(value: T): Promise<T>;
}

/** The built-in methods every exported service answers, besides its contract's. */
export const BUILTIN_METHODS: readonly MethodDefinition[] = [
  { name: ECHO_METHOD, parameterTypes: ECHO_PARAMETER_TYPES, returnType: "java.lang.Object" },
  { name: GENERIC_INVOKE, parameterTypes: GENERIC_PARAMETER_TYPES, returnType: "java.lang.Object" },
  {
    name: GENERIC_INVOKE_ASYNC,
    parameterTypes: GENERIC_PARAMETER_TYPES,
    returnType: "java.lang.Object",
  },
];

/**
 * The contract's methods plus `$echo`, `$invoke` and `$invokeAsync`, for a protocol that looks
 * methods up strictly but does not answer those itself (the dubbo protocol does, so the
 * application exports the plain contract).
 */
export function withBuiltinMethods(definition: ServiceDefinition): ServiceDefinition {
  const own = new Set(definition.methods.map((m) => m.name));
  return {
    ...definition,
    methods: [...definition.methods, ...BUILTIN_METHODS.filter((m) => !own.has(m.name))],
  };
}

/**
 * Provider side of a generic call (PojoUtils.realize, simplified): generic arguments are maps
 * (decoded objects of any prototype); drops their `class` keys so the service method sees plain
 * DTO-shaped objects. Dates, buffers and sets pass unchanged.
 */
export function realize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(realize);
  if (value instanceof Map) {
    return new Map([...value].map(([k, v]) => [k, realize(v)]));
  }
  if (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof Set)
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
 * Provider side of a generic call (PojoUtils.generalize, simplified): a value of a registered
 * `@JavaClass` type (by the method's declared return type, or by its JS class) becomes a plain
 * object with a `class` key naming the Java class, recursively through lists, arrays and maps.
 */
export function generalize(value: unknown, type?: string | JavaType): unknown {
  const t = typeof type === "string" ? parseJavaType(type) : type;
  if (value === null || value === undefined || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const element = t?.component ?? t?.args[0];
    return value.map((v) => generalize(v, element));
  }
  if (value instanceof Set) {
    return [...value].map((v) => generalize(v, t?.args[0]));
  }
  if (value instanceof Map) {
    return new Map([...value].map(([k, v]) => [k, generalize(v, t?.args[1])]));
  }
  if (value instanceof Date) return value;
  const definition =
    getJavaClassOf((value as object).constructor) ?? (t ? getJavaClass(t.name) : undefined);
  const source = value as Record<string, unknown>;
  if (definition && !definition.enumValues) {
    const out: Record<string, unknown> = { class: definition.name };
    for (const [k, v] of Object.entries(source)) {
      const fieldType = definition.fields[k];
      out[k] = generalize(v, fieldType);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  const valueType = t?.name === "java.util.Map" ? t.args[1] : undefined;
  for (const [k, v] of Object.entries(source)) out[k] = generalize(v, valueType);
  return out;
}

/**
 * A consumer-side generic call of `method` on `serviceName` (what `GenericService.$invoke` sends):
 * `$invoke` with `generic=true`, for any invoker of that service. `parameterTypes` are Java type
 * names; DTO arguments are plain objects (a `class` key names their Java class). The result
 * comes back generalized (DTOs as objects with `class`).
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
    methodName: GENERIC_INVOKE,
    parameterTypes: GENERIC_PARAMETER_TYPES,
    returnType: "java.lang.Object",
    args: [init.method, [...init.parameterTypes], [...init.args]],
    attachments: { generic: "true", ...init.attachments },
  });
}
