import type { ResolvedConfig } from "./config/config.js";
import { className } from "./decorators/metadata.js";
import type { ReferenceOptions } from "./decorators/options.js";
import { getReferenceFields } from "./decorators/reference.js";
import type { ApplicationDiscovery } from "./discovery/application-discovery.js";
import type { Filter } from "./filter.js";
import type { Logger } from "./logger.js";
import { missingProtocolPlugin } from "./plugins.js";
import type { Protocol } from "./protocol.js";
import {
  createReferenceHandle,
  type ReferenceHandle,
  type ReferenceRequest,
} from "./reference-handle.js";
import type { Registry } from "./registry.js";
import type { ServiceDefinition } from "./service-definition.js";
import { type ConnectedReference, connectReference } from "./service-reference.js";

/** What the references need from the application once it starts. */
export interface ReferenceEnvironment {
  readonly config: ResolvedConfig;
  readonly protocol: Protocol | undefined;
  readonly registry: Registry | undefined;
  readonly discovery?: ApplicationDiscovery | undefined;
  readonly host: string;
  readonly logger: Logger;
}

/**
 * The consumer half of an application: every reference handle it handed out, and one connection
 * per distinct plan (equivalent references share a directory, as Java's ReferenceConfigCache).
 */
export interface ApplicationReferences {
  /** A handle for `request`; connected at once when the application has started. */
  add(request: ReferenceRequest): ReferenceHandle;
  /** A handle per `@Reference` field of `target`, assigned to the fields. */
  inject(target: object): ReferenceHandle[];
  /** Plans every handle not planned yet (configuration errors before any I/O). */
  planAll(): void;
  /** Connects every handle not connected yet; rejects with the first failure. */
  connectAll(): Promise<void>;
  /** Connects one handle (planning it first, sharing the connection of an equivalent plan). */
  connect(handle: ReferenceHandle): Promise<void>;
  /** The connections made so far, settled (for shutdown). */
  settled(): Promise<ConnectedReference[]>;
  /** The connections established so far (health). */
  connected(): readonly ConnectedReference[];
  /** Handles handed out. */
  readonly count: number;
  /** Distinct connections (equivalent references share one). */
  readonly connectionCount: number;
}

export function createApplicationReferences(options: {
  readonly filters: readonly Filter[];
  readonly running: () => boolean;
  readonly notRunning: (what: string) => Error;
  /** The environment, once the application has read its configuration. */
  readonly environment: () => ReferenceEnvironment | undefined;
}): ApplicationReferences {
  const handles: ReferenceHandle[] = [];
  const connections = new Map<string, Promise<ConnectedReference>>();
  const established: ConnectedReference[] = [];

  const env = (): ReferenceEnvironment => {
    const e = options.environment();
    if (!e) throw new Error("references are connected during start()");
    return e;
  };

  const refs: ApplicationReferences = {
    add(request) {
      const handle = createReferenceHandle(request, options);
      handles.push(handle);
      return handle;
    },
    inject(target) {
      return getReferenceFields(target).map((field) => {
        const handle = refs.add({
          options: field.options,
          designType: field.designType,
          where: `@Reference ${className(target)}.${field.property}`,
        });
        (target as Record<string, unknown>)[field.property] = handle.proxy;
        return handle;
      });
    },
    planAll() {
      const { config, registry } = env();
      for (const handle of handles) handle.planWith(config, registry !== undefined);
    },
    connect(handle) {
      const e = env();
      if (!e.protocol) throw missingProtocolPlugin();
      const plan = handle.planWith(e.config, e.registry !== undefined);
      let connection = connections.get(plan.key);
      if (!connection) {
        connection = connectReference(plan, { ...e, protocol: e.protocol });
        connections.set(plan.key, connection);
        connection.then(
          (c) => established.push(c),
          () => {},
        );
      }
      return handle.bind(connection);
    },
    async connectAll() {
      await Promise.all(handles.filter((h) => !h.ready).map((h) => refs.connect(h)));
    },
    async settled() {
      const all = await Promise.allSettled(connections.values());
      return all.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    },
    connected: () => established,
    get count() {
      return handles.length;
    },
    get connectionCount() {
      return connections.size;
    },
  };
  return refs;
}

/** `reference(contract, options)` arguments as one options object and a label for messages. */
export function referenceRequest(
  contract: unknown,
  options: ReferenceOptions | undefined,
): ReferenceRequest {
  const isOptions =
    typeof contract === "object" &&
    contract !== null &&
    !("methods" in contract && Array.isArray((contract as ServiceDefinition).methods));
  const merged: ReferenceOptions = isOptions
    ? { ...(contract as ReferenceOptions), ...options }
    : { ...options, contract: contract as ReferenceOptions["contract"] };
  const label =
    merged.interface ??
    (typeof merged.contract === "function"
      ? className(merged.contract)
      : (merged.contract as ServiceDefinition | undefined)?.interface);
  return { options: merged, where: `reference(${label ?? "?"})` };
}
