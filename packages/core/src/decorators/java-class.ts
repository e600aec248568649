import { defineJavaClass, type JavaClassDefinition, parseJavaType } from "../java-type.js";
import { readDesignMetadata } from "./design-metadata.js";
import { inferJavaType } from "./infer-type.js";
import { type Constructor, classChain, className, JAVA_FIELDS, ownMap } from "./metadata.js";

interface FieldRecord {
  type: string | undefined;
  designType: unknown;
}

/**
 * Property decorator for a DTO field: `@JavaField("java.lang.Long") id!: number`. Without an
 * argument the Java type comes from the TS type when unambiguous (`string` → `java.lang.String`,
 * `boolean` → `java.lang.Boolean`, `Date` → `java.util.Date`, another `@JavaClass` → its name).
 */
export function JavaField(type?: string): PropertyDecorator {
  return (target, key) => {
    const designType = type === undefined ? readDesignMetadata("type", target, key) : undefined;
    recordField(target.constructor, String(key), type, designType);
  };
}

function recordField(
  target: Constructor,
  field: string,
  type: string | undefined,
  designType: unknown,
): void {
  if (type !== undefined) {
    try {
      parseJavaType(type);
    } catch (e) {
      throw new TypeError(`@JavaField on ${className(target)}.${field}: ${(e as Error).message}`);
    }
  }
  ownMap<FieldRecord>(JAVA_FIELDS, target).set(field, { type, designType });
}

/**
 * Class decorator registering a DTO under its Java name: `@JavaClass("com.jd.pojo.TbBrand")`.
 * Fields are the `@JavaField` properties of the class, then those of its superclasses (the order
 * hessian-lite's JavaSerializer writes them). It calls `defineJavaClass` from java-type.ts, which
 * only writes to an in-memory table; an ambiguous field type throws here, naming the field.
 */
export function JavaClass(name: string): ClassDecorator {
  return (target) => {
    defineJavaClassFrom(target, name);
  };
}

/** Plain-function form of `@JavaClass` for a class whose fields were recorded with `@JavaField`. */
export function defineJavaClassFrom(target: Constructor, name: string): JavaClassDefinition {
  const fields: Record<string, string> = {};
  for (const c of classChain(target)) {
    const own = Reflect.getOwnMetadata(JAVA_FIELDS, c) as Map<string, FieldRecord> | undefined;
    for (const [field, record] of own ?? []) {
      if (field in fields) continue;
      fields[field] =
        record.type ??
        inferJavaType(record.designType, "field", () => `${className(target)}.${field}`);
    }
  }
  return defineJavaClass({
    name,
    fields,
    ctor: target as unknown as new (...args: never[]) => unknown,
  });
}

/**
 * Registers a Java enum (TS enums cannot carry decorators): values travel as their constant names,
 * e.g. `defineJavaEnum("com.jd.pojo.Status", ["ON", "OFF"])`.
 */
export function defineJavaEnum(name: string, values: readonly string[]): JavaClassDefinition {
  if (values.length === 0 || values.some((v) => typeof v !== "string" || v === "")) {
    throw new TypeError(
      `defineJavaEnum("${name}"): give the enum's constant names, e.g. ["ON", "OFF"]`,
    );
  }
  return defineJavaClass({ name, fields: {}, enumValues: [...values] });
}
