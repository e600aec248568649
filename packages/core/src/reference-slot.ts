import { type Constructor, classChain, JAVA_INTERFACE } from "./decorators/metadata.js";
import type { ReferenceOptions } from "./decorators/options.js";
import { isServiceDefinition } from "./decorators/resolve-definition.js";
import type { ServiceProxy } from "./proxy.js";
import type { ConnectedReference, ReferencePlan } from "./service-reference.js";

/**
 * One reference of an application: what was asked (`reference()`, a `@Reference` field), its
 * plan once the configuration is known, its connection, and the proxy handed out at once.
 */
export interface ReferenceSlot {
  readonly request: {
    options: ReferenceOptions;
    designType?: unknown;
    where: string;
    generic?: boolean;
  };
  plan?: ReferencePlan;
  connected?: ConnectedReference;
  ready?: Promise<void>;
  readonly proxy: ServiceProxy<object>;
}

/**
 * A proxy stand-in used until the reference is planned (the contract is only resolved at start):
 * property reads go to the real proxy once it exists.
 */
export function lazyProxy(
  slot: { plan?: ReferencePlan },
  make: () => ServiceProxy<object>,
  label: string,
): ServiceProxy<object> {
  let real: ServiceProxy<object> | undefined;
  let madeFor: ReferencePlan | undefined;
  const current = () => {
    if (!slot.plan) return undefined;
    if (!real || madeFor !== slot.plan) {
      real = make();
      madeFor = slot.plan;
    }
    return real;
  };
  return new Proxy(Object.create(null) as object, {
    get: (_t, property) => {
      const target = current();
      if (target) return (target as Record<string | symbol, unknown>)[property];
      if (property === "then" || typeof property === "symbol") return undefined;
      if (property === "toString") return () => `[dubbo proxy ${label} (not started)]`;
      return (..._args: unknown[]) =>
        Promise.reject(
          new Error(
            `the application is not started: await app.start() before calling ${label}.${String(property)}`,
          ),
        );
    },
  }) as ServiceProxy<object>;
}

/** The Java interface a reference request names, for messages before it is resolved. */
export function interfaceLabel(request: ReferenceSlot["request"]): string {
  const { options, designType } = request;
  if (options.interface) return options.interface;
  const contract =
    options.contract ??
    (typeof designType === "function" && designType !== Object ? designType : undefined);
  if (isServiceDefinition(contract)) return contract.interface;
  if (contract === undefined) return request.where;
  if (typeof contract === "function") {
    for (const c of classChain(contract as Constructor)) {
      const name = Reflect.getOwnMetadata(JAVA_INTERFACE, c) as string | undefined;
      if (name) return name;
    }
  }
  return request.where;
}
