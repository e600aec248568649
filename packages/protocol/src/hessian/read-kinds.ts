import type { JavaType } from "@dubbo-ts/core/spi";

/**
 * Which fast path of the reader a declared type takes (ScalarReader.readIntField and its
 * siblings): the commonest wire code of that type is decoded inline, any other code by
 * `readValue`. The kind only orders the checks; the decoded value never depends on it.
 */
export const R_ANY = 0;
export const R_INT = 1;
export const R_LONG = 2;
export const R_STRING = 3;
export const R_OBJECT = 4;
export const R_LIST = 5;
export type ReadKind = 0 | 1 | 2 | 3 | 4 | 5;

const NAMED: ReadonlyMap<string, ReadKind> = new Map<string, ReadKind>([
  ["int", R_INT],
  ["short", R_INT],
  ["byte", R_INT],
  ["java.lang.Integer", R_INT],
  ["java.lang.Short", R_INT],
  ["java.lang.Byte", R_INT],
  ["long", R_LONG],
  ["java.lang.Long", R_LONG],
  ["java.lang.String", R_STRING],
  ["java.lang.Object", R_ANY],
  ["java.util.List", R_LIST],
  ["java.util.ArrayList", R_LIST],
  ["java.util.LinkedList", R_LIST],
  ["java.util.Collection", R_LIST],
  ["java.util.Set", R_LIST],
  ["java.util.HashSet", R_LIST],
  ["java.util.LinkedHashSet", R_LIST],
]);

/** Other scalars (double, boolean, char, BigDecimal text…) and maps go the generic way. */
const GENERIC =
  /^(?:double|float|boolean|char|java\.lang\.\w+|java\.math\.\w+|java\.util\.\w*Map)$/;

/** Parsed types are cached objects (parseJavaType), so their kinds are computed once. */
const kinds = new WeakMap<JavaType, ReadKind>();

let lastType: JavaType | undefined;
let lastKind: ReadKind = R_ANY;

/** The read kind of a declared type (`undefined`: not declared). */
export function readKindOf(type: JavaType | undefined): ReadKind {
  if (type === undefined) return R_ANY;
  // The same element type list after list (a page's users' permissions): one compare.
  if (type === lastType) return lastKind;
  let kind = kinds.get(type);
  if (kind === undefined) {
    if (type.component !== undefined) kind = R_LIST;
    else kind = NAMED.get(type.name) ?? (GENERIC.test(type.name) ? R_ANY : R_OBJECT);
    kinds.set(type, kind);
  }
  lastType = type;
  lastKind = kind;
  return kind;
}

/** The reader method generated code calls for a field of `kind`. */
export const READ_METHODS = {
  [R_ANY]: "readAnyField",
  [R_INT]: "readIntField",
  [R_LONG]: "readLongField",
  [R_STRING]: "readStringField",
  [R_OBJECT]: "readObjectField",
  [R_LIST]: "readListField",
} as const satisfies Record<ReadKind, string>;
