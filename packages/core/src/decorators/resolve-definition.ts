import type { MethodDefinition, ServiceDefinition } from "../service-definition.js";
import { checkInterfaceName, type MethodRecord } from "./contract.js";
import { decoratorMetadataMissing, NO_DECORATOR_METADATA } from "./design-metadata.js";
import { inferJavaType, knownJavaType } from "./infer-type.js";
import {
  type Constructor,
  classChain,
  className,
  JAVA_INTERFACE,
  JAVA_METHODS,
} from "./metadata.js";

/** Where a definition comes from: a decorated class, a contract, or both (implementation first). */
export interface DefinitionSource {
  /** The implementation or contract class (its ancestors are read too). */
  readonly target?: Constructor | undefined;
  readonly contract?: Constructor | ServiceDefinition | undefined;
  /** Overrides the Java interface name found in the metadata. */
  readonly interface?: string | undefined;
  /** Prefix of error messages, e.g. `@Service BrandServiceImpl`. */
  readonly where?: string | undefined;
}

/** True for a plain `ServiceDefinition` object (as opposed to a contract class). */
export function isServiceDefinition(value: unknown): value is ServiceDefinition {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as ServiceDefinition).methods) &&
    typeof (value as ServiceDefinition).interface === "string"
  );
}

/**
 * Turns contract metadata into a `ServiceDefinition` (interface name, methods with Java parameter
 * and return types). Precedence per parameter: explicit types on the most derived class
 * (`@JavaMethod({ params })`, `@Param`), then on its ancestors, then on the contract, then the
 * TS type from `emitDecoratorMetadata` when unambiguous. Throws a TypeError naming the class,
 * method and parameter for anything that cannot be resolved: call it at start-up.
 */
export function resolveServiceDefinition(source: DefinitionSource): ServiceDefinition {
  const classes: Constructor[] = [];
  const add = (c: Constructor | undefined) => {
    if (!c) return;
    for (const k of classChain(c)) if (!classes.includes(k)) classes.push(k);
  };
  add(source.target);
  const contractDefinition = isServiceDefinition(source.contract) ? source.contract : undefined;
  if (typeof source.contract === "function") add(source.contract);
  const where =
    source.where ??
    className(
      source.target ?? (typeof source.contract === "function" ? source.contract : "contract"),
    );

  let iface = source.interface;
  for (const c of classes) {
    if (iface) break;
    iface = Reflect.getOwnMetadata(JAVA_INTERFACE, c) as string | undefined;
  }
  iface ??= contractDefinition?.interface;
  if (!iface) {
    throw new TypeError(
      `${where}: no Java interface name; set { interface: "com.x.FooService" } or put @JavaInterface("com.x.FooService") on the contract class`,
    );
  }
  checkInterfaceName(iface, where);

  const names: string[] = [];
  const records = new Map<string, { owner: Constructor; record: MethodRecord }[]>();
  for (const c of classes) {
    const own = Reflect.getOwnMetadata(JAVA_METHODS, c) as Map<string, MethodRecord> | undefined;
    for (const [name, record] of own ?? []) {
      if (!records.has(name)) {
        records.set(name, []);
        names.push(name);
      }
      records.get(name)!.push({ owner: c, record });
    }
  }
  for (const m of contractDefinition?.methods ?? []) {
    if (!records.has(m.name)) {
      records.set(m.name, []);
      names.push(m.name);
    }
  }
  if (names.length === 0) {
    throw new TypeError(
      `${where}: the contract of ${iface} declares no methods; declare them with @JavaMethod on the contract's methods, @JavaInterface("${iface}", { method: { params, returns } }), or a ServiceDefinition`,
    );
  }

  const methods: MethodDefinition[] = names.flatMap((name) => {
    const recs = records.get(name)!;
    const overloads = recs.find((r) => r.record.overloads)?.record.overloads;
    if (overloads) {
      return overloads.map((o) => ({ name, parameterTypes: o.params, returnType: o.returns }));
    }
    const declared = contractDefinition?.methods.find((m) => m.name === name);
    let design: unknown[] | undefined;
    let hasReturn = false;
    let designReturn: unknown;
    for (const c of classes) {
      const proto = c.prototype as object;
      if (!design && Reflect.hasOwnMetadata("design:paramtypes", proto, name)) {
        design = Reflect.getOwnMetadata("design:paramtypes", proto, name) as unknown[];
      }
      if (!hasReturn && Reflect.hasOwnMetadata("design:returntype", proto, name)) {
        hasReturn = true;
        designReturn = Reflect.getOwnMetadata("design:returntype", proto, name);
      }
    }
    const explicitLength = Math.max(
      declared?.parameterTypes.length ?? 0,
      ...recs.map((r) => r.record.params.length),
    );
    const label = `${where}: ${iface}.${name}`;
    if (design && !declared && explicitLength > design.length) {
      throw new TypeError(
        `${label} declares ${explicitLength} Java parameter types but the method has ${design.length} parameters`,
      );
    }
    if (!design && !declared && decoratorMetadataMissing()) {
      // Without metadata the parameter count is unknown: the function's own length tells it.
      const fn = classes
        .map((c) => (c.prototype as Record<string, unknown>)[name])
        .find((f) => typeof f === "function") as ((...args: never[]) => unknown) | undefined;
      if (fn && fn.length > explicitLength) {
        throw new TypeError(
          `${label} has ${fn.length} parameter(s) but Java types for ${explicitLength}, and ${NO_DECORATOR_METADATA}`,
        );
      }
    }
    const length = Math.max(explicitLength, design?.length ?? 0);
    const parameterTypes: string[] = [];
    for (let i = 0; i < length; i++) {
      let type: string | undefined;
      for (const r of recs) {
        type = r.record.params[i];
        if (type !== undefined) break;
      }
      type ??= declared?.parameterTypes[i];
      type ??= inferJavaType(
        design?.[i],
        "parameter",
        () => `${label} parameter ${i + 1} of ${length}`,
      );
      parameterTypes.push(type);
    }
    let returnType = recs.find((r) => r.record.returns !== undefined)?.record.returns;
    returnType ??= declared?.returnType;
    returnType ??= knownJavaType(designReturn, "return");
    returnType ??= hasReturn && designReturn === undefined ? "void" : "java.lang.Object";
    return { name, parameterTypes, returnType };
  });
  return { interface: iface, methods };
}
