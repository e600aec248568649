import { type JType, type JTypeArg, OBJECT, type TypeParameter } from "../classfile/signature.js";

/** How Java longs are typed: `number` (the protocol's default) or `bigint | number` (`longs: "bigint"`). */
export type LongsOption = "number" | "bigint";

/**
 * Which Java references are typed `| null`: `strict` (the default) — every reference, as Java
 * allows (a provider may return null, a DTO field may be unset); `loose` — parameters only, so
 * results and DTO fields read as their type (typescript-generator's default for Java → TS), for
 * APIs known never to return null.
 */
export type NullsOption = "loose" | "strict";

/** What the mapping needs to know about the type being generated and its surroundings. */
export interface TypeScope {
  readonly longs: LongsOption;
  /** True where references are typed `| null` (and so are array elements). */
  readonly nullable: boolean;
  /** Called when the type uses `any` (a raw Java collection), so the file can say why. */
  readonly onAny: () => void;
  /** Type variables in scope (class ones first, then the method's), for erasure. */
  readonly typeParameters: readonly TypeParameter[];
  /** Type variables that are TS type parameters of the class being written (generic DTOs). */
  readonly tsTypeParameters: ReadonlySet<string>;
  /**
   * The TS name of a generated class, enum or exception (recording that the file imports it) and
   * which Java type arguments its TS class takes, or undefined when the class is not generated
   * (then its TS type is `unknown`).
   */
  typeRef(
    javaName: string,
  ): { readonly name: string; readonly positions: readonly number[] } | undefined;
}

const NUMBERS = new Set([
  "byte",
  "short",
  "int",
  "float",
  "double",
  "java.lang.Byte",
  "java.lang.Short",
  "java.lang.Integer",
  "java.lang.Float",
  "java.lang.Double",
  "java.lang.Number",
]);

const STRINGS = new Set([
  "char",
  "java.lang.Character",
  "java.lang.String",
  "java.math.BigDecimal",
  "java.time.LocalDate",
  "java.time.LocalTime",
  "java.time.LocalDateTime",
  "java.time.Duration",
  "java.time.ZonedDateTime",
  "java.time.OffsetDateTime",
  "java.time.OffsetTime",
  "java.time.ZoneOffset",
  "java.time.ZoneId",
  "java.time.Period",
  "java.time.Year",
  "java.time.YearMonth",
  "java.time.MonthDay",
]);

/** Declared collection types that travel as hessian lists (protocol's java-collections.ts). */
const LISTS = new Set([
  "java.lang.Iterable",
  "java.util.Collection",
  "java.util.List",
  "java.util.ArrayList",
  "java.util.AbstractList",
  "java.util.LinkedList",
  "java.util.Set",
  "java.util.HashSet",
  "java.util.LinkedHashSet",
  "java.util.SortedSet",
  "java.util.NavigableSet",
  "java.util.TreeSet",
  "java.util.Queue",
  "java.util.Deque",
  "java.util.Vector",
]);

const MAPS = new Set([
  "java.util.Map",
  "java.util.HashMap",
  "java.util.AbstractMap",
  "java.util.LinkedHashMap",
  "java.util.SortedMap",
  "java.util.NavigableMap",
  "java.util.TreeMap",
  "java.util.Hashtable",
  "java.util.concurrent.ConcurrentMap",
  "java.util.concurrent.ConcurrentHashMap",
]);

/** True for the collections, maps and `Optional`, whose TS types keep their type arguments. */
export function isContainer(name: string): boolean {
  return LISTS.has(name) || MAPS.has(name) || name === "java.util.Optional";
}

/** `CompletableFuture<T>` returns (Dubbo's async methods): the value on the wire is T. */
export const FUTURE = "java.util.concurrent.CompletableFuture";

/** The erasure-free Java type a type argument stands for (wildcards by their bound). */
function argType(arg: JTypeArg): JType {
  if (arg.kind !== "wildcard") return arg;
  return arg.variance === "extends" && arg.bound ? arg.bound : OBJECT;
}

function boundOf(name: string, scope: TypeScope): JType {
  for (let i = scope.typeParameters.length - 1; i >= 0; i--) {
    const p = scope.typeParameters[i]!;
    if (p.name === name) {
      const b = p.bounds[0];
      // Erase the bound itself (`T extends Comparable<T>` → java.lang.Comparable): no recursion.
      return b === undefined ? OBJECT : b.kind === "class" ? { ...b, args: [] } : OBJECT;
    }
  }
  return OBJECT;
}

/**
 * The Java type name the runtime needs (`parseJavaType` syntax): binary class names with their
 * generic arguments (`java.util.Map<java.lang.Long, com.jd.pojo.TbBrand>`), type variables and
 * wildcards replaced by their bound (what erasure gives Java), and arguments that are all
 * `java.lang.Object` left out (`List<T>` → `java.util.List`, the same on the wire). Only the
 * erasure reaches the wire (the parameter descriptor); the arguments tell the encoder and decoder
 * the element types.
 */
export function javaTypeName(t: JType, scope: TypeScope): string {
  switch (t.kind) {
    case "primitive":
      return t.name;
    case "array":
      return `${javaTypeName(t.component, scope)}[]`;
    case "typevar":
      return javaTypeName(boundOf(t.name, scope), scope);
    case "class": {
      const args = t.args.map((a) => javaTypeName(argType(a), scope));
      if (args.every((a) => a === "java.lang.Object")) return t.name;
      return `${t.name}<${args.join(", ")}>`;
    }
  }
}

/** `X | null` unless X is `unknown`/`any` or already nullable. */
export function nullable(ts: string): string {
  return ts === "unknown" || ts === "any" || ts.endsWith("| null") ? ts : `${ts} | null`;
}

const paren = (ts: string) => (ts.includes(" | ") ? `(${ts})` : ts);

/**
 * The TypeScript type of a Java type, as the runtime sends and receives it (the README's type
 * table): numbers, `long` per `scope.longs`, BigDecimal and java.time as ISO strings (`Instant`
 * also a `Date`), BigInteger a bigint, `byte[]` a Uint8Array, arrays and collections arrays,
 * `Map<String, V>` a record and other maps a `Map`, `Optional<T>` `T | null`, generated DTOs and
 * enums by name, raw collections' elements `any` (Java's unchecked raw types), anything else
 * `unknown`. Where `scope.nullable`, references and array elements are `| null`; elements of
 * collections and map values never are.
 */
export function tsType(t: JType, scope: TypeScope): string {
  const orNull = (ts: string) => (scope.nullable ? nullable(ts) : ts);
  switch (t.kind) {
    case "primitive":
      return primitiveTs(t.name, scope);
    case "typevar":
      // A TS type parameter of the class, else what Java erases it to (`<T extends Item>` → Item).
      return scope.tsTypeParameters.has(t.name)
        ? orNull(t.name)
        : tsType(boundOf(t.name, scope), scope);
    case "array": {
      const c = t.component;
      if (c.kind === "primitive" && c.name === "byte") return orNull("Uint8Array");
      if (c.kind === "primitive" && c.name === "char") return orNull("string");
      return orNull(`${paren(tsType(c, scope))}[]`);
    }
    case "class":
      return orNull(classTs(t, scope));
  }
}

/** Like `tsType` without any `| null`. */
export function tsTypeNonNull(t: JType, scope: TypeScope): string {
  return tsType(t, { ...scope, nullable: false });
}

function primitiveTs(name: string, scope: TypeScope): string {
  if (name === "void") return "void";
  if (name === "boolean") return "boolean";
  if (name === "long") return longTs(scope);
  if (name === "char") return "string";
  return "number";
}

function longTs(scope: TypeScope): string {
  return scope.longs === "bigint" ? "bigint | number" : "number";
}

function classTs(t: Extract<JType, { kind: "class" }>, scope: TypeScope): string {
  const name = t.name;
  const arg = (i: number) => (t.args[i] === undefined ? OBJECT : argType(t.args[i]!));
  const element = (i: number) => {
    if (t.args.length > 0) return tsTypeNonNull(arg(i), scope);
    scope.onAny();
    return "any";
  };
  if (NUMBERS.has(name)) return "number";
  if (STRINGS.has(name)) return "string";
  if (name === "java.lang.Long") return longTs(scope);
  if (name === "java.lang.Boolean") return "boolean";
  if (name === "java.math.BigInteger") return "bigint";
  if (name === "java.util.Date") return "Date";
  if (name === "java.time.Instant") return "string | Date";
  if (name === "java.lang.Object") return "unknown";
  if (LISTS.has(name)) return `${paren(element(0))}[]`;
  if (name === "java.util.Optional") return element(0);
  if (MAPS.has(name)) {
    const key = argType(t.args[0] ?? OBJECT);
    const value = element(1);
    if (key.kind === "class" && key.name === "java.lang.String") return `Record<string, ${value}>`;
    if (key.kind === "class" && key.name === "java.lang.Object") {
      return `Record<string, ${value}> | Map<unknown, ${value}>`;
    }
    return `Map<${tsTypeNonNull(key, scope)}, ${value}>`;
  }
  const ref = scope.typeRef(name);
  if (ref === undefined) return "unknown";
  if (t.args.length === 0 || ref.positions.length === 0) return ref.name;
  const args = ref.positions.map((i) => tsTypeNonNull(arg(i), scope));
  return `${ref.name}<${args.join(", ")}>`;
}
