import { getJavaClass, getJavaClassOf, type JavaType, parseJavaType } from "./java-type.js";
import type { MethodDefinition, ServiceDefinition } from "./service-definition.js";

/** Generic call method names (GenericService). */
export const GENERIC_INVOKE = "$invoke";
export const GENERIC_INVOKE_ASYNC = "$invokeAsync";
/** Java types of `$invoke(String method, String[] parameterTypes, Object[] args)` (GENERIC_PARAMETER_DESC). */
export const GENERIC_PARAMETER_TYPES: readonly string[] = [
  "java.lang.String",
  "java.lang.String[]",
  "java.lang.Object[]",
];

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
  { name: "$echo", parameterTypes: ["java.lang.Object"], returnType: "java.lang.Object" },
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Provider side of a generic call (PojoUtils.realize, simplified): generic arguments are maps;
 * drops their `class` keys so the service method sees plain DTO-shaped objects.
 */
export function realize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(realize);
  if (value instanceof Map) {
    return new Map([...value].map(([k, v]) => [k, realize(v)]));
  }
  if (isPlainObject(value)) {
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
