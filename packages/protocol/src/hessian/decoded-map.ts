import type { JavaType } from "@dubbo-ts/core/spi";
import { isPoisonKey } from "./java-class-tag.js";

/**
 * What a decoded Hessian map becomes. Declared `Map<String, V>`, `Map`, or undeclared with only
 * string keys: a null-prototype object without `__proto__`/`constructor`/`prototype` keys
 * (docs/robustness.md P1, P15). Other key types (`Map<Long, V>`, or a non-string key on the wire):
 * a JS `Map`, whose keys can never touch a prototype.
 */
export function buildMap(
  keys: readonly unknown[],
  values: readonly unknown[],
  keyType?: JavaType,
): object {
  const stringKeyed =
    keyType === undefined ||
    keyType.name === "java.lang.Object" ||
    keyType.name === "java.lang.String";
  if (stringKeyed && keys.every((k) => typeof k === "string")) {
    const obj: Record<string, unknown> = Object.create(null);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      if (!isPoisonKey(k)) obj[k] = values[i];
    }
    return obj;
  }
  return new Map(keys.map((k, i) => [k, values[i]]));
}
