import type { JavaType } from "@dubbo-ts/core/spi";
import { compareKeys } from "./write-checks.js";

/**
 * The iteration order of a `java.util.HashMap` filled by `put` in the given order, so that a map
 * we write ('H' ... 'Z') has the same bytes as the map a Java peer writes: entries come bucket by
 * bucket (`hash ^ (hash >>> 16)` masked by the table size), and in insertion order within a bucket.
 * The table starts at 16 and doubles while size > 0.75 × capacity (HashMap.putVal/resize; a resize
 * splits buckets without reordering them). Keys whose Java `hashCode` we cannot know (objects)
 * keep their insertion order.
 */
export function javaHashMapOrder<K>(
  keys: readonly K[],
  hashCode: (key: K) => number | undefined = javaHashCode,
): number[] {
  const hashes = keys.map(hashCode);
  const indexes = keys.map((_, i) => i);
  if (hashes.some((h) => h === undefined)) return indexes;
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = hashes.map((h) => {
    const x = h as number;
    return (x ^ (x >>> 16)) & (capacity - 1);
  });
  return indexes.sort((a, b) => bucket[a]! - bucket[b]! || a - b);
}

/**
 * `hashCode()` of the Java value a JS key is written as: String (UTF-16 units, 31-polynomial),
 * Integer (the value), Long (`(int)(v ^ (v >>> 32))`), Boolean (1231/1237). Undefined otherwise.
 */
export function javaHashCode(key: unknown): number | undefined {
  if (typeof key === "string") {
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
    return h;
  }
  if (typeof key === "number" && Number.isInteger(key)) {
    if (key >= -0x80000000 && key <= 0x7fffffff) return key | 0;
    if (Number.isSafeInteger(key)) return longHash(BigInt(key));
    return undefined;
  }
  if (typeof key === "bigint") return longHash(BigInt.asIntN(64, key));
  if (typeof key === "boolean") return key ? 1231 : 1237;
  return undefined;
}

/** `Long.hashCode()`: `(int)(v ^ (v >>> 32))`, for keys declared `java.lang.Long`. */
export function javaLongHashCode(key: unknown): number | undefined {
  if (typeof key === "bigint") return longHash(BigInt.asIntN(64, key));
  if (typeof key === "number" && Number.isSafeInteger(key)) return longHash(BigInt(key));
  return undefined;
}

function longHash(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  return Number(BigInt.asIntN(32, u ^ (u >> 32n)));
}

/**
 * The order Java writes a map's entries in: a HashMap ('H', `wireType` null) in its bucket order
 * (Long keys hash as Long.hashCode), a TreeMap sorted by key, any other map as given.
 */
export function javaMapOrder(
  entries: readonly (readonly [unknown, unknown])[],
  wireType: string | null,
  keyType: JavaType | undefined,
): number[] {
  if (wireType === null) {
    const longKeys = keyType?.name === "java.lang.Long" || keyType?.name === "long";
    return javaHashMapOrder(
      entries.map((e) => e[0]),
      longKeys ? javaLongHashCode : javaHashCode,
    );
  }
  const order = entries.map((_, i) => i);
  if (wireType === "java.util.TreeMap") {
    order.sort((a, b) => compareKeys(entries[a]![0], entries[b]![0]));
  }
  return order;
}
