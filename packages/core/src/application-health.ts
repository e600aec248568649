import type { Registry, RegistryStatus } from "./registry.js";
import type { ExportedService } from "./service-export.js";

/** One exported service in `ApplicationHealth`. */
export interface ServiceHealth {
  readonly serviceKey: string;
  /** `host:port` consumers are told to call. */
  readonly address: string;
  /**
   * Whether its URL is in the registry now; false while the registry is unreachable (the
   * registration is retried), and for `register: false` services or without a registry.
   */
  readonly registered: boolean;
}

/** What `app.health()` reports: enough for a readiness probe and for a person asking "why". */
export interface ApplicationHealth {
  readonly state: "new" | "starting" | "started" | "closing" | "closed";
  /** The registry's connection (undefined without a registry or when it does not say). */
  readonly registry: RegistryStatus | undefined;
  readonly services: readonly ServiceHealth[];
  /** Started, and every service meant to be registered is registered. */
  readonly registered: boolean;
}

/**
 * The health of an application from its parts. A service counts as registered when the registry
 * says so (`Registry.isRegistered`), or — for a registry that cannot say — once `register`
 * resolved.
 */
export function applicationHealth(
  state: ApplicationHealth["state"],
  exported: readonly ExportedService[],
  registry: Registry | undefined,
): ApplicationHealth {
  const services = exported.map((e) => ({
    serviceKey: e.url.serviceKey,
    address: e.url.address,
    registered: e.registered && (registry?.isRegistered?.(e.url) ?? true),
  }));
  return {
    state,
    registry: registry?.status?.(),
    services,
    registered:
      state === "started" && exported.every((e, i) => !e.registered || services[i]!.registered),
  };
}
