import type { JavaType } from "@dubbo-ts/core/spi";
import { HessianError } from "./hessian-error.js";

/** Helpers of the typed writer: argument checks and conversions, with Java-like error texts. */

const enumIdentities = new Map<string, object>();

/**
 * One object per enum constant, standing for Java's singleton in the writer's reference table
 * (HL EnumSerializer calls addRef: a repeated constant is written as a back-reference).
 */
export function enumIdentity(className: string, name: string): object {
  const key = `${className}\u0000${name}`;
  let id = enumIdentities.get(key);
  if (!id) {
    id = Object.freeze({ key });
    enumIdentities.set(key, id);
  }
  return id;
}

export function toArray(value: unknown, what: string, t: JavaType | undefined): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<unknown>);
  throw HessianError.type(`${what}: expected an array${t ? ` for ${t.name}` : ""}`);
}

/** A JS array of numbers for a Java `byte[]`: each -128..255 (written as its low 8 bits). */
export function toBytes(value: readonly unknown[], what: string): Uint8Array {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < -128 || v > 255) {
      throw HessianError.type(`${what}[${i}]: expected a byte (-128..255)`);
    }
    bytes[i] = v;
  }
  return bytes;
}

export function toDateMillis(value: unknown, what: string): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === "number" ? value : Number.NaN;
  if (!Number.isSafeInteger(ms))
    throw HessianError.type(`${what}: expected a valid Date for java.util.Date`);
  return ms;
}

/** A plain object's key converted to the declared key type (`{ "1": x }` for `Map<Long, X>`). */
export function objectKeyAs(key: string, keyType: JavaType | undefined, what: string): unknown {
  switch (keyType?.name) {
    case "java.lang.Integer":
    case "java.lang.Long":
    case "java.lang.Short":
    case "java.lang.Byte":
    case "int":
    case "long": {
      if (!/^-?\d+$/.test(key)) throw HessianError.type(`${what}: key "${key}" is not an integer`);
      const n = Number(key);
      return Number.isSafeInteger(n) ? n : BigInt(key);
    }
    case "java.lang.Boolean":
      return key === "true";
    default:
      return key;
  }
}

export function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (
    (typeof a === "number" || typeof a === "bigint") &&
    (typeof b === "number" || typeof b === "bigint")
  ) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return 0;
}

/** Prefixes the place of a nested value to a type error bubbling up (paths are built on error only). */
export function at(e: unknown, place: string): unknown {
  if (e instanceof HessianError && e.kind === "type") e.message = place + e.message;
  return e;
}

export function mismatch(what: string, t: JavaType, value: unknown): HessianError {
  return HessianError.type(`${what}: expected a value for ${t.name}, got ${typeof value}`);
}
