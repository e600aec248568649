/** A method of a service contract with its Java types. */
export interface MethodDefinition {
  readonly name: string;
  /** Java type names (`int`, `java.lang.Long`, `java.util.List<com.jd.pojo.TbBrand>`, `java.lang.String[]`). */
  readonly parameterTypes: readonly string[];
  /** Java return type name; `void` for none. */
  readonly returnType: string;
}

/**
 * The contract of a service as both sides see it: the interface name and its methods with Java
 * types. The provider looks the method up here before decoding arguments; the consumer takes the
 * parameter types from here so callers pass plain values.
 */
export interface ServiceDefinition {
  readonly interface: string;
  readonly methods: readonly MethodDefinition[];
}

/** Finds the method by name and, when given, by exact parameter types. */
export function findMethod(
  definition: ServiceDefinition,
  name: string,
  parameterTypes?: readonly string[],
): MethodDefinition | undefined {
  return definition.methods.find(
    (m) =>
      m.name === name &&
      (parameterTypes === undefined ||
        (m.parameterTypes.length === parameterTypes.length &&
          m.parameterTypes.every((t, i) => t === parameterTypes[i]))),
  );
}
