import type { ResolvedConfig } from "./config/config.js";
import type { ApplicationHealth, ServiceHealth } from "./health.js";
import { invokeExported } from "./local-invoke.js";
import type { Logger } from "./logger.js";
import type { Registry } from "./registry.js";
import { Code, RpcError } from "./rpc-error.js";
import type { ExportedService } from "./service-export.js";
import type { ConnectedReference } from "./service-reference.js";

/** What the operations read from the application, at call time. */
export interface OperationsEnvironment {
  readonly state: () => ApplicationHealth["state"];
  readonly config: () => ResolvedConfig | undefined;
  readonly registry: () => Registry | undefined;
  readonly exported: readonly ExportedService[];
  readonly references: () => readonly ConnectedReference[];
  readonly logger: () => Logger;
  /** Called after online/offline changed what is registered (application-level discovery). */
  readonly changed?: () => Promise<void>;
}

/**
 * One side of a provider's registration (Java's QoS `offlineInterface`/`offlineApp`): its
 * interface-level URL under `/dubbo/<interface>/providers`, or its entry in the application
 * instance's MetadataInfo (application-level discovery).
 */
export type RegistrationLevel = "interface" | "app";

/** Health, online/offline and local invoke of a running application (QoS, probes, `/health`). */
export interface ApplicationOperations {
  health(): ApplicationHealth;
  /** Both levels unless `level` names one. */
  offline(match?: (service: ServiceHealth) => boolean, level?: RegistrationLevel): Promise<number>;
  online(match?: (service: ServiceHealth) => boolean, level?: RegistrationLevel): Promise<number>;
  invokeService(serviceKey: string, method: string, args: readonly unknown[]): Promise<unknown>;
}

function serviceHealth(e: ExportedService, registry: Registry | undefined): ServiceHealth {
  return {
    serviceKey: e.url.serviceKey,
    interface: e.definition.interface,
    methods: e.definition.methods.map((m) => m.name),
    url: e.url.toFullString(),
    exported: true,
    registrable: e.registrable,
    // Meant to be registered, and (when the registry can tell) actually written there: false
    // while ZooKeeper is unreachable at start and the registration is being retried.
    registered: e.registered && (registry?.isRegistered?.(e.url) ?? true),
    inFlight: e.invoker.inFlight,
  };
}

export function createApplicationOperations(env: OperationsEnvironment): ApplicationOperations {
  // One online/offline at a time, so a quick offline-online pair ends registered.
  let queue: Promise<unknown> = Promise.resolve();
  const change = (
    registered: boolean,
    match?: (s: ServiceHealth) => boolean,
    level?: RegistrationLevel,
  ) => {
    const run = async () => {
      const registry = env.registry();
      const chosen = env.exported.filter((e) => !match || match(serviceHealth(e, registry)));
      let changed = false;
      for (const e of chosen) {
        // OfflineInterface/OfflineApp (BaseOffline.doUnexport filtered by registry kind).
        const atInterface =
          level !== "app" && registry !== undefined && e.registrable && e.registered !== registered;
        const atApp = level !== "interface" && e.listed && e.published !== registered;
        if (!atInterface && !atApp) continue;
        // BaseOffline/BaseOnline: unregister/register the provider URL; the service keeps running
        // (calls in flight finish, consumers that still know this address may call it).
        if (atInterface) {
          if (registered) await registry.register(e.url);
          else await registry.unregister(e.url);
          e.registered = registered;
        }
        // Java's service-discovery registry takes the service out of the MetadataInfo.
        if (atApp) {
          e.published = registered;
          changed = true;
        }
        env
          .logger()
          .info(
            { service: e.url.serviceKey, level: level ?? "all" },
            `${registered ? "online" : "offline"}: ${e.url.serviceKey}`,
          );
      }
      // The application instance is published again with the new MetadataInfo.
      if (changed) await env.changed?.();
      return chosen.length;
    };
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };
  return {
    health() {
      const state = env.state();
      const config = env.config();
      const registry = env.registry();
      const services = env.exported.map((e) => serviceHealth(e, registry));
      const status = registry?.status?.();
      return {
        state,
        started: state === "started",
        // DeployerReadinessProbe + ProviderReadinessProbe.
        ready:
          state === "started" &&
          (services.length === 0 || services.some((s) => s.registered || !s.registrable)),
        live: state !== "closing" && state !== "closed",
        registry:
          config?.registry && registry
            ? {
                address: config.registry.address,
                connected: status?.connected ?? registry.isConnected?.() ?? true,
                ...(status?.lastError !== undefined ? { lastError: status.lastError } : {}),
              }
            : undefined,
        services,
        references: env.references().map((r) => ({
          serviceKey: r.directory.url.serviceKey,
          interface: r.directory.url.getParameter("interface") ?? r.directory.url.path,
          direct: r.direct,
          providers: r.providers(),
        })),
      };
    },
    offline: (match, level) => change(false, match, level),
    online: (match, level) => change(true, match, level),
    async invokeService(serviceKey, method, args) {
      const service = env.exported.find((e) => e.url.serviceKey === serviceKey);
      if (!service) {
        throw new RpcError(
          Code.NoInvoker,
          `no service ${serviceKey} is exported by this application (exported: ${env.exported.map((e) => e.url.serviceKey).join(", ") || "none"})`,
        );
      }
      return invokeExported(service, method, args);
    },
  };
}
