/**
 * Decoded Java objects are plain null-prototype objects; the Java class name they had on the wire
 * is kept under this non-enumerable symbol so that JSON, spreading and equality ignore it while a
 * caller that needs it (or a provider passing the object through) can still read it.
 */
export const JAVA_CLASS: unique symbol = Symbol.for("dubbo-ts.javaClass");

/**
 * The Java collection or map class a decoded list or map was typed with on the wire
 * (`java.util.Arrays$ArrayList`, `java.util.LinkedHashMap`), kept so that a value passed back to
 * Java is written with the same runtime class. Untyped lists (ArrayList) and 'H' maps have none.
 */
export const JAVA_CONTAINER: unique symbol = Symbol.for("dubbo-ts.javaContainer");

/** The wire type of a decoded list or map, if it had one. */
export function javaContainerOf(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const name = (value as { [JAVA_CONTAINER]?: unknown })[JAVA_CONTAINER];
  return typeof name === "string" ? name : undefined;
}

/** Marks a decoded list or map with its wire type (non-enumerable). */
export function tagJavaContainer<T extends object>(target: T, type: string): T {
  Object.defineProperty(target, JAVA_CONTAINER, { value: type, enumerable: false });
  return target;
}

/** The Java class name a decoded object carried (`com.jd.pojo.TbBrand`), if any. */
export function javaClassOf(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const name = (value as { [JAVA_CLASS]?: unknown })[JAVA_CLASS];
  return typeof name === "string" ? name : undefined;
}

/** Marks `target` as an instance of the Java class `name` (non-enumerable). */
export function tagJavaClass<T extends object>(target: T, name: string): T {
  Object.defineProperty(target, JAVA_CLASS, { value: name, enumerable: false });
  return target;
}

/**
 * Keys never set on a decoded object (docs/hostile-input-and-failures.md P1/P1c/P15): with them a later
 * `Object.assign({}, decoded)` or a merge would replace a prototype.
 */
export function isPoisonKey(key: string): boolean {
  return key === "__proto__" || key === "constructor" || key === "prototype";
}
