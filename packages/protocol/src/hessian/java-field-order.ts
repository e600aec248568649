import {
  isPrimitive,
  type JavaClassDefinition,
  type JavaType,
  parseJavaType,
} from "@dubbo-ts/core/spi";

const fieldOrders = new WeakMap<JavaClassDefinition, readonly string[]>();

/**
 * The field order Java writes in a class definition (HL JavaSerializer/UnsafeSerializer.introspect):
 * "primitive" fields (primitives and `java.lang.*` except Object) first, then the others, each in
 * declaration order, and the whole list reversed (`Collections.reverse(fields)`, hessian-lite since
 * Dubbo 2.6.1). So `{ id: Long, name: String, firstChar: String }` is written firstChar, name, id.
 */
export function javaFieldOrder(def: JavaClassDefinition): readonly string[] {
  let order = fieldOrders.get(def);
  if (order) return order;
  const primitive: string[] = [];
  const compound: string[] = [];
  for (const [name, type] of Object.entries(def.fields)) {
    const t = parseJavaType(type);
    const simple =
      !t.component &&
      (isPrimitive(t) || (t.name.startsWith("java.lang.") && t.name !== "java.lang.Object"));
    (simple ? primitive : compound).push(name);
  }
  order = [...primitive, ...compound].reverse();
  fieldOrders.set(def, order);
  return order;
}

const fieldTypeCache = new WeakMap<JavaClassDefinition, readonly JavaType[]>();

/** The parsed types of `javaFieldOrder(def)`, cached per definition. */
export function fieldTypesOf(def: JavaClassDefinition): readonly JavaType[] {
  let types = fieldTypeCache.get(def);
  if (!types) {
    types = javaFieldOrder(def).map((f) => parseJavaType(def.fields[f]!));
    fieldTypeCache.set(def, types);
  }
  return types;
}
