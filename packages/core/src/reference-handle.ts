import type { ResolvedConfig } from "./config/config.js";
import { type Constructor, classChain, JAVA_INTERFACE } from "./decorators/metadata.js";
import type { ReferenceOptions } from "./decorators/options.js";
import { isServiceDefinition } from "./decorators/resolve-definition.js";
import type { Filter } from "./filter.js";
import type { Invoker } from "./invoker.js";
import { createProxy, type ServiceProxy } from "./proxy.js";
import { type ConnectedReference, planReference, type ReferencePlan } from "./service-reference.js";

/** What a reference asks for: `reference()` options, or a `@Reference` field and its TS type. */
export interface ReferenceRequest {
  readonly options: ReferenceOptions;
  readonly designType?: unknown;
  /** Where it was declared, for messages (`@Reference Controller.brands`, `reference(x)`). */
  readonly where: string;
  readonly generic?: boolean;
}

/**
 * One reference of an application, late-bound: its proxy exists at once (so it can be assigned
 * to a field before `start()`), the contract is planned once when the configuration is known,
 * and the connection is bound later. Calls made before the connection is ready wait for it
 * (`ready`); calls made while the application is not running reject with `notRunning`.
 */
export interface ReferenceHandle {
  readonly request: ReferenceRequest;
  readonly proxy: ServiceProxy<object>;
  readonly plan: ReferencePlan | undefined;
  readonly ready: Promise<void> | undefined;
  /** Checks the reference against `config` (once; later calls return the same plan). */
  planWith(config: ResolvedConfig, hasRegistry: boolean): ReferencePlan;
  /** Binds the (shared) connection of this reference's plan; `ready` settles with it. */
  bind(connection: Promise<ConnectedReference>): Promise<void>;
}

export interface ReferenceHandleOptions {
  /** Application-wide consumer filters, outside the reference's own. */
  readonly filters: readonly Filter[];
  /** Whether calls may run now (the application is starting or started). */
  readonly running: () => boolean;
  /** The error a call gets while the application is not running. */
  readonly notRunning: (what: string) => Error;
}

export function createReferenceHandle(
  request: ReferenceRequest,
  options: ReferenceHandleOptions,
): ReferenceHandle {
  const label = interfaceLabel(request);
  let plan: ReferencePlan | undefined;
  let real: ServiceProxy<object> | undefined;
  let ready: Promise<void> | undefined;
  let connected: ConnectedReference | undefined;

  // The proxy's invoker: the connected cluster invoker, once there is one.
  const invoker: Invoker = {
    get url() {
      if (!connected) throw options.notRunning(label);
      return connected.invoker.url;
    },
    invoke(invocation) {
      if (!options.running() || !ready) return Promise.reject(options.notRunning(label));
      if (connected) return connected.invoker.invoke(invocation);
      return ready.then(() => connected!.invoker.invoke(invocation));
    },
    isAvailable: () => connected?.invoker.isAvailable() ?? false,
    destroy: async () => {},
  };

  const handle: ReferenceHandle = {
    request,
    get plan() {
      return plan;
    },
    get ready() {
      return ready;
    },
    proxy: new Proxy(Object.create(null) as object, {
      get: (_t, property) => {
        if (real) return (real as Record<string | symbol, unknown>)[property];
        if (property === "then" || typeof property === "symbol") return undefined;
        if (property === "toString") return () => `[dubbo proxy ${label} (not started)]`;
        return () => Promise.reject(options.notRunning(`${label}.${String(property)}`));
      },
    }) as ServiceProxy<object>,
    planWith(config, hasRegistry) {
      if (plan) return plan;
      plan = planReference(request, config, hasRegistry);
      real = createProxy<object>({
        definition: plan.definition,
        invoker,
        version: plan.options.version,
        group: plan.options.group,
        filters: [...options.filters, ...(plan.options.filters ?? [])],
      });
      return plan;
    },
    bind(connection) {
      ready = connection.then((c) => {
        connected = c;
      });
      return ready;
    },
  };
  return handle;
}

/** The Java interface a reference request names, for messages before it is planned. */
export function interfaceLabel(request: ReferenceRequest): string {
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
