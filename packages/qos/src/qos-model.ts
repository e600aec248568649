import type { RegistrationLevel } from "@dubbo-ts/core/spi";

/** One exported service as `ls`, `online`, `offline`, `invoke` and `count` see it. */
export interface QosProvider {
  /** `group/interface:version` (Java's service key). */
  readonly serviceKey: string;
  readonly interface: string;
  /** The registry's protocol (`zookeeper`), or undefined when the service is not meant to be registered. */
  readonly registry: string | undefined;
  readonly registered: boolean;
  readonly methods: readonly string[];
}

/** One reference as `ls` sees it. */
export interface QosConsumer {
  readonly serviceKey: string;
  /** The registry's protocol, or undefined for a direct (`url`) reference. */
  readonly registry: string | undefined;
  /** Providers known right now. */
  readonly providers: number;
}

/** One listening protocol server as `ps` sees it. */
export interface QosServer {
  readonly protocol: string;
  readonly host: string;
  readonly port: number;
  readonly connections: readonly { readonly remote: string; readonly local: string }[];
}

/** Per-method call statistics for `count` (Java's RpcStatus). */
export interface QosCount {
  readonly method: string;
  readonly total: number;
  readonly failed: number;
  readonly active: number;
  readonly averageMs: number;
  readonly maxMs: number;
}

/**
 * What the QoS commands need from the running application; `qosModelOf(app)` builds it from an
 * `Application`, tests may pass their own. Every method is cheap and side-effect free except
 * `online`, `offline`, `invoke` and `shutdown`.
 */
export interface QosModel {
  /** The version `version` prints. */
  readonly version: string;
  providers(): readonly QosProvider[];
  consumers(): readonly QosConsumer[];
  servers(): readonly QosServer[];
  /** Kubernetes probes (Java's StartupProbe, ReadinessProbe, LivenessProbe). */
  probes(): { readonly startup: boolean; readonly ready: boolean; readonly live: boolean };
  /**
   * Registers again the services whose key matches, at both levels or the one named
   * (`onlineInterface`/`onlineApp`); resolves false when none matches.
   */
  online(matches: (provider: QosProvider) => boolean, level?: RegistrationLevel): Promise<boolean>;
  /**
   * Unregisters the services whose key matches, without stopping them, at both levels or the one
   * named (`offlineInterface`/`offlineApp`); false when none matches.
   */
  offline(matches: (provider: QosProvider) => boolean, level?: RegistrationLevel): Promise<boolean>;
  /**
   * Calls `method` of the exported `serviceKey` with JSON arguments, through the provider's
   * generic path (arguments realized to the Java types declared on the contract). Resolves with
   * the value, rejects with the business or framework error.
   */
  invoke(serviceKey: string, method: string, args: readonly unknown[]): Promise<unknown>;
  count(serviceKey: string): readonly QosCount[];
  /** Closes the application gracefully. */
  shutdown(): Promise<void>;
  /** Prometheus text exposition, when a metrics collector is installed. */
  metrics?(): Promise<string>;
  /** The application's logger, for `loggerInfo` and `switchLogLevel`. */
  readonly logger?: QosLogger | undefined;
}

/** The logger as `loggerInfo`/`switchLogLevel` see it (Java's LoggerFactory adapter and level). */
export interface QosLogger {
  /** `pino`, or a description of a logger that is not pino's. */
  readonly adapter: string;
  /** The current level, pino's name (`info`), or undefined when the logger does not say. */
  level(): string | undefined;
  /** Sets a pino level (`trace`…`silent`); undefined when this logger cannot change levels. */
  readonly setLevel?: ((level: string) => void) | undefined;
}
