/** The health of one exported service (`app.health().services`). */
export interface ServiceHealth {
  /** `group/interface:version`. */
  readonly serviceKey: string;
  readonly interface: string;
  /** The contract's method names. */
  readonly methods: readonly string[];
  /** The provider URL (with the bound port). */
  readonly url: string;
  /** Exported: reachable on the protocol port. */
  readonly exported: boolean;
  /** Whether it is meant to be in the registry (a registry is configured and `register` is not false). */
  readonly registrable: boolean;
  /** In the registry right now (false after `offline`, or when `register: false`). */
  readonly registered: boolean;
  /** Calls running in the service now. */
  readonly inFlight: number;
}

/** The health of one reference (`app.health().references`). */
export interface ReferenceHealth {
  readonly serviceKey: string;
  readonly interface: string;
  /** Direct (`url`) or through the registry. */
  readonly direct: boolean;
  /** Providers known and available now. */
  readonly providers: number;
}

/**
 * `app.health()`: what a probe or a `/health` endpoint reports. `ready` follows Java's readiness
 * probes (DeployerReadinessProbe + ProviderReadinessProbe): started, and no service or at least
 * one registered (so `offline` of every service makes the instance not ready).
 */
export interface ApplicationHealth {
  readonly state: "new" | "starting" | "started" | "closing" | "closed";
  /** `start()` has finished (Java's StartupProbe). */
  readonly started: boolean;
  readonly ready: boolean;
  /** Not closing or closed (Java has no default liveness check: alive while it answers). */
  readonly live: boolean;
  /** The registry and whether its connection is up now; undefined without a registry. */
  readonly registry:
    | {
        readonly address: string;
        readonly connected: boolean;
        /** Why it is not connected, when the registry says (`connect ECONNREFUSED …`). */
        readonly lastError?: string;
      }
    | undefined;
  readonly services: readonly ServiceHealth[];
  readonly references: readonly ReferenceHealth[];
}
