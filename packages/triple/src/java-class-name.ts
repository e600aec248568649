import { toDescriptor } from "@dubbo-ts/core/spi";

const cache = new Map<string, string>();

/**
 * `Class.getName()` of a contract's Java type name, as Triple's wrappers carry it
 * (ReflectionPackableMethod: `Class::getName`): generics erased (`java.util.List`), arrays in
 * JVM form (`[I`, `[Ljava.lang.String;`), primitives by name (`int`).
 */
export function javaClassName(type: string): string {
  let name = cache.get(type);
  if (name === undefined) {
    const descriptor = toDescriptor(type);
    if (descriptor.startsWith("[")) name = descriptor.replace(/\//g, ".");
    else if (descriptor.startsWith("L")) name = descriptor.slice(1, -1).replace(/\//g, ".");
    else name = type.trim();
    cache.set(type, name);
  }
  return name;
}
