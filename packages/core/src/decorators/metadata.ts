import "reflect-metadata";

/**
 * Metadata keys and small helpers shared by the decorators. Decorators only write metadata here
 * (reflect-metadata, as NestJS does); nothing is registered, started or resolved at import time.
 * Resolution (turning metadata into a `ServiceDefinition`) happens when an application starts or a
 * proxy is created, so that classes may be declared in any order.
 */
export const JAVA_INTERFACE = "dubbo:java-interface";
export const JAVA_METHODS = "dubbo:java-methods";
export const SERVICE = "dubbo:service";
export const METHOD_OPTIONS = "dubbo:method-options";
export const REFERENCES = "dubbo:references";
export const JAVA_FIELDS = "dubbo:java-fields";

/** Any class constructor, abstract ones included. */
export type Constructor = Function;

/** Reads metadata defined on this class itself (not inherited), creating it with `init` if absent. */
export function ownMap<V>(key: string, target: Constructor): Map<string, V> {
  let map = Reflect.getOwnMetadata(key, target) as Map<string, V> | undefined;
  if (!map) {
    map = new Map();
    Reflect.defineMetadata(key, map, target);
  }
  return map;
}

/** The class and its ancestors, most derived first (stops before `Function.prototype`). */
export function classChain(target: Constructor): Constructor[] {
  const chain: Constructor[] = [];
  for (
    let c: unknown = target;
    typeof c === "function" && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    chain.push(c as Constructor);
  }
  return chain;
}

/** `ClassName` for messages. */
export function className(target: unknown): string {
  if (typeof target === "function") return target.name || "(anonymous class)";
  if (target && typeof target === "object") return className(target.constructor);
  return String(target);
}
