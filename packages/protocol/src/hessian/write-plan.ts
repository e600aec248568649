import { isPrimitive, type JavaClassDefinition, type JavaType } from "@dubbo-ts/core/spi";
import { nameParameters, propertyOf } from "./generated-source.js";
import { listTypeOf, mapTypeOf } from "./java-collections.js";
import { fieldTypesOf, javaFieldOrder } from "./java-field-order.js";
import { JAVA_TIME_TYPES, writeJavaTime } from "./java-time.js";
import { at } from "./write-checks.js";
import type { HessianWriter } from "./writer.js";

// How a declared type is written, decided once per parsed type (`planOf`) instead of comparing
// its name with every case on every value.
export const W_CLASS = 0;
export const W_OBJECT = 1;
export const W_BOOLEAN = 2;
export const W_INT = 3;
export const W_SHORT = 4;
export const W_BYTE = 5;
export const W_LONG = 6;
export const W_DOUBLE = 7;
export const W_CHAR = 8;
export const W_STRING = 9;
export const W_BIG_DECIMAL = 10;
export const W_BIG_INTEGER = 11;
export const W_DATE = 12;
export const W_TIME = 13;
export const W_LIST = 14;
export const W_MAP = 15;
export const W_ARRAY = 16;

const KINDS_BY_NAME: Readonly<Record<string, number>> = {
  "java.lang.Object": W_OBJECT,
  boolean: W_BOOLEAN,
  "java.lang.Boolean": W_BOOLEAN,
  int: W_INT,
  "java.lang.Integer": W_INT,
  short: W_SHORT,
  "java.lang.Short": W_SHORT,
  byte: W_BYTE,
  "java.lang.Byte": W_BYTE,
  long: W_LONG,
  "java.lang.Long": W_LONG,
  double: W_DOUBLE,
  "java.lang.Double": W_DOUBLE,
  float: W_DOUBLE,
  "java.lang.Float": W_DOUBLE,
  char: W_CHAR,
  "java.lang.Character": W_CHAR,
  "java.lang.String": W_STRING,
  "java.lang.CharSequence": W_STRING,
  "java.math.BigDecimal": W_BIG_DECIMAL,
  "java.math.BigInteger": W_BIG_INTEGER,
  "java.util.Date": W_DATE,
};

export interface WritePlan {
  readonly kind: number;
  /** A primitive cannot be null. */
  readonly primitive: boolean;
  /** W_LIST / W_MAP: the collection class Java writes (null: untyped list, 'H' map). */
  readonly container: string | null;
  /** W_CLASS: what the declared class resolved to for the last constructor seen (TypedWriter). */
  site: ClassSite | undefined;
}

/**
 * A declared class type's inline cache: values with constructor `ctor` resolved to `def` (written
 * with `plan`) while the class registry was at `generation` (core's javaClassGeneration).
 */
export interface ClassSite {
  readonly ctor: unknown;
  readonly generation: number;
  readonly def: JavaClassDefinition;
  readonly plan: ClassWritePlan;
}

/** Plans by parsed type: parseJavaType returns one object per type text, so few entries. */
const plans = new WeakMap<JavaType, WritePlan>();

/** How `t` is written (cached per parsed type). */
export function planOf(t: JavaType): WritePlan {
  const known = plans.get(t);
  if (known !== undefined) return known;
  let kind = W_CLASS;
  let container: string | null = null;
  if (t.component) kind = W_ARRAY;
  else if (Object.hasOwn(KINDS_BY_NAME, t.name)) kind = KINDS_BY_NAME[t.name]!;
  else if (JAVA_TIME_TYPES.has(t.name)) kind = W_TIME;
  else {
    const listType = listTypeOf(t.name);
    const mapType = mapTypeOf(t.name);
    if (listType !== undefined) {
      kind = W_LIST;
      container = listType;
    } else if (mapType !== undefined) {
      kind = W_MAP;
      container = mapType;
    }
  }
  const plan: WritePlan = { kind, primitive: isPrimitive(t), container, site: undefined };
  plans.set(t, plan);
  return plan;
}

/** The writer a class plan generates: every field of `record`, in Java's order. */
export type FieldsWriter = (
  tw: FieldSink,
  record: Record<string, unknown>,
  types: readonly JavaType[],
  plans: readonly WritePlan[],
  what: string,
) => void;

/** What a generated fields writer calls: the byte writer, and TypedWriter's writers for the rest. */
export interface FieldSink {
  readonly out: HessianWriter;
  writeAs(value: unknown, t: JavaType, plan: WritePlan, what: string): void;
  writeList(
    value: unknown,
    listType: string | null,
    element: JavaType | undefined,
    what: string,
  ): void;
  writeDeclared(value: object, t: JavaType, plan: WritePlan, what: string): void;
}

/** A registered class: its fields in Java's order, their types and plans, and its fields writer. */
export interface ClassWritePlan {
  readonly names: readonly string[];
  readonly types: readonly JavaType[];
  readonly plans: readonly WritePlan[];
  readonly writeFields: FieldsWriter;
}

const classPlans = new WeakMap<JavaClassDefinition, ClassWritePlan>();

/**
 * The plan of a registered class, made once per definition: a fields writer generated for its
 * fields (see `fieldSource`). A type error names the field.
 */
export function classPlanOf(def: JavaClassDefinition): ClassWritePlan {
  let plan = classPlans.get(def);
  if (plan === undefined) {
    const names = javaFieldOrder(def);
    const types = fieldTypesOf(def);
    const fieldPlans = types.map(planOf);
    plan = {
      names,
      types,
      plans: fieldPlans,
      writeFields: compileFieldsWriter(names, fieldPlans),
    };
    classPlans.set(def, plan);
  }
  return plan;
}

/**
 * The source that writes field `i`: the field read as a named property (one shape per call site
 * for the engine), and for the common kinds the byte writer called directly when the value has
 * the expected JS type — exactly what TypedWriter.writeAs does for it after its `switch`. Any
 * other value (null, a wrong type, a bigint) goes through writeAs, which writes or reports it.
 * `name` is a field name of a registered definition (defineJavaClass), never a wire string; it
 * still enters the source only as generated-source.ts allows (else it is passed as data).
 */
function fieldSource(name: string, i: number, plan: WritePlan): string {
  const slow = `tw.writeAs(v, types[${i}], plans[${i}], "")`;
  const fast = FAST_PATHS[plan.kind]?.(i);
  const read = `v = ${propertyOf("record", name, i)};`;
  return fast === undefined ? `${read} ${slow}; i++;` : `${read} if (${fast} else ${slow}; i++;`;
}

/**
 * Per kind, for field `i`: `<test>) <write>;` for a value of the expected JS type (see
 * `fieldSource`). The writers are those writeAs calls for the kind (a generated writer is never
 * used for a generic call's result, so java.time values are handles: `generic` is false).
 */
const FAST_PATHS: Readonly<Record<number, (i: number) => string>> = {
  [W_STRING]: () => `typeof v === "string") out.writeString(v);`,
  // toJavaInt accepts exactly the int32 numbers; toJavaLong the safe integers.
  [W_INT]: () => `typeof v === "number" && (v | 0) === v) out.writeInt(v);`,
  [W_LONG]: () => `typeof v === "number" && Number.isSafeInteger(v)) out.writeLong(v);`,
  [W_BOOLEAN]: () => `typeof v === "boolean") out.writeBoolean(v);`,
  [W_DOUBLE]: () => `typeof v === "number") out.writeDouble(v);`,
  [W_TIME]: (i) => `typeof v === "string") writeJavaTime(out, types[${i}].name, v, "", false);`,
  [W_LIST]: (i) =>
    `Array.isArray(v)) tw.writeList(v, plans[${i}].container, types[${i}].args[0], "");`,
  [W_CLASS]: (i) =>
    `typeof v === "object" && v !== null) tw.writeDeclared(v, types[${i}], plans[${i}], "");`,
};

function compileFieldsWriter(
  names: readonly string[],
  fieldPlans: readonly WritePlan[],
): FieldsWriter {
  const body = names.map((n, i) => fieldSource(n, i, fieldPlans[i]!)).join("\n    ");
  let factory: (
    a: typeof at,
    w: typeof writeJavaTime,
    n: readonly string[],
    ...k: string[]
  ) => FieldsWriter;
  try {
    factory = new Function(
      "at",
      "writeJavaTime",
      "names",
      ...nameParameters(names),
      `"use strict";
return function writeFields(tw, record, types, plans, what) {
  const out = tw.out;
  let i = 0;
  let v;
  try {
    ${body}
  } catch (e) {
    throw at(e, what + "." + names[i]);
  }
};`,
    ) as typeof factory;
  } catch {
    // Code generation refused (node --disallow-code-generation-from-strings): a field loop.
    return (tw, record, types, plans, what) => {
      let i = 0;
      try {
        for (; i < names.length; i++) tw.writeAs(record[names[i]!], types[i]!, plans[i]!, "");
      } catch (e) {
        throw at(e, `${what}.${names[i]}`);
      }
    };
  }
  return factory(at, writeJavaTime, names, ...names);
}
