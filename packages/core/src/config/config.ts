/**
 * Application configuration, the same shape in code (`createApplication({...})`), in a JSON config
 * file, and (for the keys in `ENVIRONMENT`) in environment variables named like Java Dubbo's.
 *
 * Precedence, per key (as Java Dubbo: system/environment over API over properties file):
 *   1. environment variables (`DUBBO_PROTOCOL_PORT=20882`),
 *   2. code (`createApplication({ protocol: { port: 20881 } })`),
 *   3. the config file (`configFile: "dubbo.json"` or `DUBBO_CONFIG_FILE`),
 *   4. Dubbo's defaults.
 */
export interface DubboConfig {
  /** Application name (`dubbo.application.name`); required. */
  name?: string | undefined;
  /** The registry; `false` (or address "N/A") for none: providers only export, references need `url`. */
  registry?: RegistryConfig | false | undefined;
  protocol?: ProtocolConfig | undefined;
  /**
   * More protocols by name beside the default `protocol` (Java's `dubbo.protocols.<name>`), e.g.
   * `{ tri: { port: 50051 } }`; each needs its plugin in `plugins.protocol`. A service exports
   * over them with `protocol: "tri"` (or `"dubbo,tri"`).
   */
  protocols?: Readonly<Record<string, ProtocolConfig>> | undefined;
  /** Defaults for every reference (`<dubbo:consumer>`). */
  consumer?: ConsumerConfig | undefined;
  /** Defaults for every service (`<dubbo:provider>`). */
  provider?: ProviderConfig | undefined;
  shutdown?: ShutdownConfig | undefined;
  /** Application-level settings (Java's `dubbo.application.*`: QoS, register-mode, migration, metadata-type). */
  application?: ApplicationConfig | undefined;
}

/**
 * Java's `<dubbo:application …>` keys. QoS: environment `DUBBO_APPLICATION_QOS_ENABLE`,
 * `DUBBO_APPLICATION_QOS_PORT`, `…_QOS_ACCEPT_FOREIGN_IP`, `…_QOS_ACCEPT_FOREIGN_IP_WHITELIST`,
 * `…_QOS_ANONYMOUS_ACCESS_PERMISSION_LEVEL`. Core only validates them; a QoS extension
 * (`@dubbo-ts/qos`) uses them, with Java's defaults (enabled, port 22222, foreign IPs refused,
 * no whitelist, anonymous level PUBLIC).
 */
export interface ApplicationConfig {
  qosEnable?: boolean | undefined;
  /** 0 picks a free port. */
  qosPort?: number | undefined;
  qosAcceptForeignIp?: boolean | undefined;
  /** Comma-separated IPs, CIDR ranges or IPv4 patterns (`10.0.0.0/8,192.168.1.*`). */
  qosAcceptForeignIpWhitelist?: string | undefined;
  /** `PUBLIC` (default), `PROTECTED`, `PRIVATE` or `NONE`. */
  qosAnonymousAccessPermissionLevel?: string | undefined;
  /**
   * What providers write (`register-mode`): `interface` (the `/dubbo/<interface>/providers` nodes),
   * `instance` (one `/services/<app>` instance, mapping and metadata), or `all` (both, Java 3.x's
   * default). Env `DUBBO_APPLICATION_REGISTER_MODE`.
   */
  registerMode?: "interface" | "instance" | "all" | undefined;
  /**
   * How references find providers (`service-discovery.migration`): `FORCE_INTERFACE`,
   * `APPLICATION_FIRST` (Java 3.3's default) or `FORCE_APPLICATION`. A migration rule in the
   * registry overrides it at run time. Env `DUBBO_APPLICATION_SERVICE_DISCOVERY_MIGRATION`.
   */
  serviceDiscoveryMigration?:
    | "FORCE_INTERFACE"
    | "APPLICATION_FIRST"
    | "FORCE_APPLICATION"
    | undefined;
  /**
   * Where consumers read this application's service list (`metadata-type`): `local` (its
   * MetadataService, default) or `remote` (the metadata report). Env `DUBBO_APPLICATION_METADATA_TYPE`.
   */
  metadataType?: "local" | "remote" | undefined;
}

/**
 * `address` is validated here; every other key is passed as is to the registry plugin's factory
 * (e.g. `sessionTimeout`, `cacheFile` for ZooKeeper).
 */
export interface RegistryConfig {
  /** `zookeeper://h1:2181,h2:2182,h3:2183`, `h1:2181`, or `N/A` for none. */
  address: string;
  [option: string]: unknown;
}

/**
 * `name`, `port`, `host` and `bind` are validated here; every other key is passed as is to the
 * protocol plugin's factory (e.g. `payload`, `heartbeat`, `longs` for dubbo).
 */
export interface ProtocolConfig {
  /** Default `dubbo`; must be the protocol plugin's name. */
  name?: string | undefined;
  /** Port services are exported on; default 20880; 0 picks a free port (then registered). */
  port?: number | undefined;
  /**
   * The address registered for consumers to connect to. Default: this machine's first
   * non-internal IPv4 address, else 127.0.0.1 (Java's `NetUtils.getLocalHost`).
   */
  host?: string | undefined;
  /**
   * The address the server listens on (given to the plugin as `host`). Default: `host` when it is
   * configured, else `0.0.0.0` (all interfaces, Java's `anyhost=true`).
   */
  bind?: string | undefined;
  /**
   * Provider worker processes (`node:cluster`) serving this application's services on the same
   * ports behind one registration; default 1 (serve in this process). `"auto"` starts one per core
   * (`os.availableParallelism()`). Env `DUBBO_PROTOCOL_WORKERS`. Only on `protocol`, for every
   * protocol of the application. The primary process registers and supervises, the workers serve:
   * `executes`, `actives`, overload limits, the `connections` a consumer opens and call metrics
   * are per worker (a service with `executes: 10` and 4 workers runs up to 40 calls at once). See
   * provider-workers.ts.
   */
  workers?: number | "auto" | undefined;
  [option: string]: unknown;
}

export interface ConsumerConfig {
  timeout?: number | undefined;
  retries?: number | undefined;
  loadbalance?: string | undefined;
  cluster?: string | undefined;
  /** Fail at start when a reference has no provider (default true). */
  check?: boolean | undefined;
  actives?: number | undefined;
  sticky?: boolean | undefined;
  version?: string | undefined;
  group?: string | undefined;
}

export interface ProviderConfig {
  timeout?: number | undefined;
  retries?: number | undefined;
  loadbalance?: string | undefined;
  cluster?: string | undefined;
  weight?: number | undefined;
  warmup?: number | undefined;
  token?: boolean | string | undefined;
  executes?: number | undefined;
  accesslog?: boolean | string | undefined;
  delay?: number | undefined;
  version?: string | undefined;
  group?: string | undefined;
}

export interface ShutdownConfig {
  /** How long `close()` may take in ms (`dubbo.service.shutdown.wait`, default 10000). */
  timeout?: number | undefined;
  /**
   * Close gracefully on SIGTERM/SIGINT, as Java registers its shutdown hook by default
   * (DubboShutdownHook); default true. `false` leaves signals to the application.
   */
  hook?: boolean | undefined;
}

/** One resolved entry of `protocols`. */
export interface ResolvedProtocolConfig {
  readonly name: string;
  readonly port: number | undefined;
  readonly host: string | undefined;
  readonly bind: string;
  readonly options: Record<string, unknown>;
}

/** The configuration after merging the sources, validating and applying defaults. */
export interface ResolvedConfig {
  readonly name: string;
  readonly registry:
    | { readonly address: string; readonly options: Record<string, unknown> }
    | undefined;
  readonly protocol: {
    readonly name: string;
    readonly port: number;
    /** As configured; undefined means "detect this machine's address". */
    readonly host: string | undefined;
    /** Where the server listens: `bind`, else `host`, else `0.0.0.0`. */
    readonly bind: string;
    /** Worker processes serving the services (`protocol.workers`, "auto" resolved); 1 = none. */
    readonly workers: number;
    readonly options: Record<string, unknown>;
  };
  /** The other protocols (`protocols`), by name; `port` undefined → the plugin's `defaultPort`. */
  readonly protocols: Readonly<Record<string, ResolvedProtocolConfig>>;
  readonly consumer: Readonly<ConsumerConfig> & { readonly check: boolean };
  readonly provider: Readonly<ProviderConfig>;
  /**
   * The QoS keys only when set (the QoS extension applies Java's defaults); the discovery keys
   * always, with Java 3.3's defaults.
   */
  readonly application: Readonly<ApplicationConfig> & {
    readonly registerMode: "interface" | "instance" | "all";
    readonly serviceDiscoveryMigration:
      | "FORCE_INTERFACE"
      | "APPLICATION_FIRST"
      | "FORCE_APPLICATION";
    readonly metadataType: "local" | "remote";
  };
  readonly shutdown: { readonly timeout: number; readonly hook: boolean };
  /** For each configured key (`protocol.port`), where the value came from. */
  readonly sources: Readonly<Record<string, string>>;
}

/** Default port of the dubbo protocol. */
export const DEFAULT_PORT = 20880;
/** `dubbo.service.shutdown.wait` default (DEFAULT_SERVER_SHUTDOWN_TIMEOUT). */
export const DEFAULT_SHUTDOWN_TIMEOUT = 10_000;
