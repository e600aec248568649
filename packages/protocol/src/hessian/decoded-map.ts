import type { JavaType } from "@dubbo-ts/core/spi";
import { isPoisonKey } from "./java-class-tag.js";

/**
 * What a decoded Hessian map becomes. Declared `Map<String, V>`, `Map`, or undeclared with only
 * string keys: a null-prototype object without `__proto__`/`constructor`/`prototype` keys
 * (docs/hostile-input-and-failures.md P1, P15). Any other key type (`Map<Long, V>`, or a non-string key on the wire):
 * a JS `Map`, whose keys can never touch a prototype. The entries are `entries[from..]`, keys and
 * values alternating.
 */
export function buildMap(
  entries: readonly unknown[],
  from: number,
  keyType: JavaType | undefined,
): object {
  const stringKeyed =
    keyType === undefined ||
    keyType.name === "java.lang.Object" ||
    keyType.name === "java.lang.String";
  let allStrings = stringKeyed;
  for (let i = from; allStrings && i < entries.length; i += 2) {
    if (typeof entries[i] !== "string") allStrings = false;
  }
  if (allStrings) {
    const obj: Record<string, unknown> = Object.create(null);
    for (let i = from; i < entries.length; i += 2) {
      const k = entries[i] as string;
      if (!isPoisonKey(k)) obj[k] = entries[i + 1];
    }
    return obj;
  }
  const map = new Map<unknown, unknown>();
  for (let i = from; i < entries.length; i += 2) map.set(entries[i], entries[i + 1]);
  return map;
}
