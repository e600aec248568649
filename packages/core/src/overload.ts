import {
  getJavaClass,
  getJavaClassOf,
  isPrimitive,
  type JavaType,
  parseJavaType,
} from "./java-type.js";
import type { MethodDefinition } from "./service-definition.js";

const NUMBERS = new Set(["byte", "short", "int", "long", "float", "double"]);
const NUMBER_CLASSES = new Set([
  "java.lang.Byte",
  "java.lang.Short",
  "java.lang.Integer",
  "java.lang.Long",
  "java.lang.Float",
  "java.lang.Double",
  "java.lang.Number",
  "java.math.BigDecimal",
  "java.math.BigInteger",
  "java.time.Year",
]);
const BIGINTS = new Set([
  "long",
  "java.lang.Long",
  "java.lang.Number",
  "java.math.BigInteger",
  "java.math.BigDecimal",
]);
const STRINGS = new Set([
  "char",
  "java.lang.Character",
  "java.lang.String",
  "java.lang.CharSequence",
  "java.math.BigDecimal",
  "java.math.BigInteger",
]);
/** Types any value may be passed as. */
const ANY = new Set(["java.lang.Object", "java.io.Serializable", "java.lang.Comparable"]);
const VALUE_LIKE =
  /^(java\.lang\.(String|Character|Boolean|Byte|Short|Integer|Long|Float|Double|Number)|java\.math\.|java\.time\.)/;

/** True when `value` is something the runtime can send as Java type `type` (a shape check). */
function accepts(type: JavaType, value: unknown): boolean {
  if (ANY.has(type.name) && !type.component) return true;
  if (value === null || value === undefined) return !isPrimitive(type);
  if (type.component) {
    const c = type.component;
    if (c.name === "byte" && !c.component)
      return value instanceof Uint8Array || Array.isArray(value);
    if (c.name === "char" && !c.component) return typeof value === "string";
    return Array.isArray(value);
  }
  const name = type.name;
  switch (typeof value) {
    case "string":
      return (
        STRINGS.has(name) ||
        name.startsWith("java.time.") ||
        (getJavaClass(name)?.enumValues?.includes(value) ?? false)
      );
    case "number":
      return NUMBERS.has(name) || NUMBER_CLASSES.has(name);
    case "bigint":
      return BIGINTS.has(name);
    case "boolean":
      return name === "boolean" || name === "java.lang.Boolean";
    case "object": {
      if (value instanceof Date) return name === "java.util.Date" || name === "java.time.Instant";
      if (isPrimitive(type) || VALUE_LIKE.test(name)) return false;
      if (Array.isArray(value)) return !getJavaClass(name);
      const own = getJavaClassOf(value.constructor);
      return own ? own.name === name || !getJavaClass(name) : true;
    }
    default:
      return false;
  }
}

/**
 * The overload a call with `args` means, among methods of one name (Java resolves overloads at
 * compile time; a JS caller passes only values): those with as many parameters as arguments,
 * then the first whose parameter types accept the arguments' shapes (a string is not an `int`, a
 * `TbBrand` instance is not a `Long`, `null` is not a primitive). When none fits, the first of
 * that arity (the encoder then names the mismatch); when no arity fits, the first overload.
 */
export function pickOverload(
  candidates: readonly MethodDefinition[],
  args: readonly unknown[],
): MethodDefinition {
  const sameArity = candidates.filter((m) => m.parameterTypes.length === args.length);
  if (sameArity.length > 1) {
    const fit = sameArity.find((m) =>
      m.parameterTypes.every((t, i) => accepts(parseJavaType(t), args[i])),
    );
    if (fit) return fit;
  }
  return sameArity[0] ?? candidates[0]!;
}
