import {
  getJavaClass,
  type JavaClassDefinition,
  type JavaType,
  parseJavaType,
} from "@dubbo-ts/core/spi";
import { nameParameters, propertyOf } from "./generated-source.js";
import { BIG_INTEGER_CLASS, BIG_INTEGER_CLASS_NAME } from "./java-big-integer.js";
import { isPoisonKey, tagJavaClass } from "./java-class-tag.js";
import { JAVA_TIME_CLASSES, type ValueClass } from "./java-time-handles.js";
import { READ_METHODS, type ReadKind, readKindOf } from "./read-kinds.js";
import type { ValueMemos } from "./value-memo.js";

export interface ClassDef {
  readonly type: string;
  readonly fields: readonly string[];
  /** Resolved on first instance: declared field types, kept field names, what it decodes to. */
  shape?: ClassShape;
}

export interface ClassShape {
  readonly types: readonly (JavaType | undefined)[];
  /** False for `__proto__`, `constructor`, `prototype`: read, then dropped. */
  readonly keep: readonly boolean[];
  readonly kind: "object" | "bigdecimal" | "enum";
  /** Set for classes read as another JS value (java.time handles, BigInteger). */
  readonly value: ValueClass | undefined;
  /** The prototype of every instance: null-prototype, holding only the class tag. */
  readonly proto: object;
  /** Cached shapes (registered or built-in classes) get a generated fields reader once hot. */
  readonly compilable: boolean;
  /**
   * Value classes (`value` set): the record their fields are read into, reused instance after
   * instance (the resolved value is what the caller gets), and whether an instance is using it.
   */
  readonly scratch: Record<string, unknown> | undefined;
  scratchInUse: boolean;
  /** Value classes: the last instances read, by their bytes (value-memo.ts). */
  memos: ValueMemos | undefined;
  /** Instances read with this shape, until a fields reader is generated. */
  uses: number;
  fieldsReader: FieldsReader | undefined;
  /** Generated with the fields reader: builds an instance with every kept field declared. */
  Instance: (new () => Record<string, unknown>) | undefined;
}

/** Reads every field of one instance into `obj` (see `fieldsReaderOf`). */
export type FieldsReader = (
  reader: FieldReads,
  obj: Record<string, unknown>,
  types: readonly (JavaType | undefined)[],
) => void;

/** The reader methods generated code calls (read-kinds.ts READ_METHODS; ScalarReader's fast paths). */
export type FieldReads = Record<
  (typeof READ_METHODS)[ReadKind] | "readValue",
  (expected: JavaType | undefined) => unknown
>;

/** Instances a cached shape reads the generic way before its fields reader is generated. */
const HOT_AFTER = 16;
/** Fields readers generated per class name at most (a peer changing the field list each time). */
const MAX_COMPILES_PER_CLASS = 8;
const compiles = new Map<string, number>();

/**
 * The generated fields reader of a hot cached shape, or undefined (read field by field): one
 * function per class and field list storing each field under its name, so every instance of the
 * class is built the same way (one hidden class and monomorphic stores for the engine, instead of
 * keyed stores shared by every class). Poison keys are read and dropped, as by the generic loop.
 *
 * The field names come from the wire's class definition: see generated-source.ts for how they
 * are kept out of the source (validated identifiers only; anything else is passed as data).
 */
export function fieldsReaderOf(shape: ClassShape, def: ClassDef): FieldsReader | undefined {
  if (shape.fieldsReader !== undefined) return shape.fieldsReader;
  if (!shape.compilable || ++shape.uses < HOT_AFTER) return undefined;
  const count = compiles.get(def.type) ?? 0;
  if (count >= MAX_COMPILES_PER_CLASS) return undefined;
  compiles.set(def.type, count + 1);
  const body = def.fields
    .map((_, i) =>
      shape.keep[i]
        ? `${propertyOf("obj", def.fields[i]!, i)} = reader.${READ_METHODS[readKindOf(shape.types[i])]}(types[${i}]);`
        : `reader.readValue(types[${i}]);`,
    )
    .join("\n");
  // The instances' constructor declares every kept field up front, in wire order: the engine
  // then gives instances room for all of them (Object.create starts small and grows).
  const declare = def.fields
    .map((f, i) => (shape.keep[i] ? `${propertyOf("this", f, i)} = undefined;` : ""))
    .join("\n");
  try {
    const factory = new Function(
      ...nameParameters(def.fields),
      `"use strict";\nfunction Instance() {\n${declare}\n}\n` +
        `return [Instance, function readFields(reader, obj, types) {\n${body}\n}];`,
    ) as (...names: string[]) => [new () => Record<string, unknown>, FieldsReader];
    const [Instance, readFields] = factory(...def.fields);
    Instance.prototype = shape.proto;
    shape.Instance = Instance;
    shape.fieldsReader = readFields;
  } catch {
    // Code generation refused (node --disallow-code-generation-from-strings): read field by field.
    compiles.set(def.type, MAX_COMPILES_PER_CLASS);
    return undefined;
  }
  return shape.fieldsReader;
}

/**
 * The prototype of a class's instances: `Object.create(null)` plus the non-enumerable tag.
 * Cached per registered or built-in value class only: names arriving from the wire must not grow
 * a global table.
 */
const classProtos = new Map<string, object>();
function classProto(type: string, registered: boolean): object {
  let proto = classProtos.get(type);
  if (!proto) {
    proto = Object.freeze(tagJavaClass(Object.create(null) as object, type));
    if (registered) classProtos.set(type, proto);
  }
  return proto;
}

/**
 * Shapes of registered classes, reused while the class arrives with the same field list and the
 * registration is the same (every response carries its class definitions again: hessian's
 * tables are per message).
 */
const shapes = new Map<
  string,
  { fields: readonly string[]; known: JavaClassDefinition | undefined; shape: ClassShape }
>();

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function shapeOf(def: ClassDef): ClassShape {
  const known = getJavaClass(def.type);
  const value = valueClassOf(def.type);
  // Registered classes and the built-in value classes (a fixed set) are cached; other names
  // arriving from the wire are not.
  const cacheable = known !== undefined || value !== undefined;
  const cached = cacheable ? shapes.get(def.type) : undefined;
  if (cached && cached.known === known && sameFields(cached.fields, def.fields)) {
    return cached.shape;
  }
  const shape = computeShape(def, known, value, cacheable);
  if (cacheable) shapes.set(def.type, { fields: def.fields, known, shape });
  return shape;
}

function valueClassOf(type: string): ValueClass | undefined {
  return type === BIG_INTEGER_CLASS_NAME ? BIG_INTEGER_CLASS : JAVA_TIME_CLASSES.get(type);
}

function computeShape(
  def: ClassDef,
  known: JavaClassDefinition | undefined,
  value: ValueClass | undefined,
  cacheable: boolean,
): ClassShape {
  return {
    // Field types were validated by defineJavaClass; parseJavaType caches them.
    types: def.fields.map((f) => {
      // Own fields only: a peer may name a field "__proto__" or "constructor".
      const declared = known && Object.hasOwn(known.fields, f) ? known.fields[f] : undefined;
      return declared === undefined ? undefined : parseJavaType(declared);
    }),
    keep: def.fields.map((f) => !isPoisonKey(f)),
    kind:
      def.type === "java.math.BigDecimal" ? "bigdecimal" : known?.enumValues ? "enum" : "object",
    value,
    proto: classProto(def.type, cacheable),
    compilable: cacheable,
    scratch: value === undefined ? undefined : Object.create(classProto(def.type, cacheable)),
    scratchInUse: false,
    memos: undefined,
    uses: 0,
    fieldsReader: undefined,
    Instance: undefined,
  };
}
