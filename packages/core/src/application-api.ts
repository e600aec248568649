/** The public shape of an application: its options and the `Application` interface (`createApplication` in application.ts). */

import type { RegistrationLevel } from "./application-operations.js";
import type { DubboConfig, ResolvedConfig } from "./config/config.js";
import type { ReferenceOptions } from "./decorators/options.js";
import type { ApplicationExtension } from "./extension.js";
import type { Filter } from "./filter.js";
import type { GenericService } from "./generic.js";
import type { ApplicationHealth, ServiceHealth } from "./health.js";
import type { Logger } from "./logger.js";
import type { ProtocolPlugins, RegistryPlugin } from "./plugins.js";
import type { Protocol } from "./protocol.js";
import type { ServiceProxy } from "./proxy.js";
import type { Registry } from "./registry.js";
import type { ScanOptions } from "./scan.js";
import type { ServiceDefinition } from "./service-definition.js";
import type { ServiceEntry } from "./service-export.js";
import type { ServiceUrl } from "./service-url.js";

export interface ApplicationOptions extends DubboConfig {
  /**
   * Providers: instances of `@Service` classes, `@Service` classes (instantiated without
   * arguments), or `{ implementation, interface?, contract?, version?, … }` without decorators.
   */
  services?: readonly ServiceEntry[] | undefined;
  /** Objects (controllers…) whose `@Reference` fields are filled during `start()`. */
  components?: readonly object[] | undefined;
  /**
   * Folders to scan for `@Service` classes at start (Java's `<dubbo:annotation package>`); found
   * classes are instantiated without arguments unless an instance is already in `services`.
   */
  scan?: string | readonly string[] | ScanOptions | undefined;
  /** The plugins core does not import: `{ registry: createZookeeperRegistry, protocol: createDubboProtocol }`. */
  plugins?:
    | { registry?: RegistryPlugin | undefined; protocol?: ProtocolPlugins | undefined }
    | undefined;
  /**
   * A pino logger. Default: warnings and errors on stderr, human-readable on a terminal, JSON
   * otherwise (`createDefaultLogger`); `silentLogger` for none. Structured fields: service,
   * method, provider, elapsedMs, code.
   */
  logger?: Logger | undefined;
  /**
   * Application-wide filters. Consumer: outermost first, around every reference's cluster
   * invoker (after the context filter). Provider: after the built-ins (echo, context, access log,
   * token, generic, executes) and before each service's own filters.
   */
  filters?: { consumer?: readonly Filter[]; provider?: readonly Filter[] } | undefined;
  /**
   * A JSON or YAML (`.yml`/`.yaml`, also Spring's `dubbo:` section) config file, lower precedence
   * than code; `DUBBO_CONFIG_FILE` overrides the path.
   */
  configFile?: string | undefined;
  /** Environment variables to read; default `process.env`; `false` ignores the environment. */
  env?: Readonly<Record<string, string | undefined>> | false | undefined;
  /**
   * Operations add-ons core does not import (`qosExtension()`, `metricsExtension()` from
   * @dubbo-ts/qos, `tracingExtension()` from @dubbo-ts/tracing): started before the first
   * export, their filters outside `filters`, closed last (see `ApplicationExtension`).
   */
  extensions?: readonly ApplicationExtension<Application>[] | undefined;
}

export type ApplicationState = "new" | "starting" | "started" | "closing" | "closed";

/** A running (or runnable) Dubbo application: see `createApplication`. */
export interface Application {
  readonly state: ApplicationState;
  /** The resolved configuration, once `start()` has read it. */
  readonly config: ResolvedConfig | undefined;
  /** The provider URLs exported (and registered unless `register: false`). */
  readonly exported: readonly ServiceUrl[];
  readonly registry: Registry | undefined;
  readonly protocol: Protocol | undefined;
  /**
   * Exports and registers every service, then connects every reference (`reference()` calls and
   * the `@Reference` fields of `components`) and fills those fields. Configuration errors reject
   * with a TypeError/RangeError before any I/O; a reference with `check` and no provider rejects
   * with `Code.NoInvoker`. On failure everything started is closed again.
   */
  start(): Promise<void>;
  /**
   * Graceful shutdown, at most `timeoutMs` (default `shutdown.timeout`, 10 s): unregister every
   * provider and consumer URL, close the protocol (it sends `"R"` to every connection and waits for
   * calls in flight), wait for service methods still running, destroy references, close the
   * registry. Idempotent; calls made through proxies afterwards reject.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /**
   * A typed proxy of a remote service. Before `start()` it is connected during `start()` (and
   * calls before that reject); after `start()` it connects at once and its first calls wait for it.
   * Equivalent references (same contract and options) share one directory.
   */
  reference<T extends object>(
    contract: abstract new (...args: never[]) => T,
    options?: ReferenceOptions,
  ): ServiceProxy<T>;
  reference<T extends object = Record<string, (...args: never[]) => Promise<unknown>>>(
    contract: ServiceDefinition | ReferenceOptions,
    options?: ReferenceOptions,
  ): ServiceProxy<T>;
  /** A generic reference (`$invoke`/`$echo`) to any service, by interface name only. */
  generic(options: ReferenceOptions & { interface: string }): GenericService;
  /** Fills the `@Reference` fields of `target` (at start, or at once if already started). */
  inject<T extends object>(target: T): T;
  /**
   * Closes the application on these signals instead of the default (SIGTERM and SIGINT, unless
   * `shutdown.hook` is false), then calls `then` (default: exit, see signals.ts). Repeated
   * signals never interrupt the graceful close.
   */
  closeOnSignals(signals?: readonly NodeJS.Signals[], then?: () => void): void;
  /**
   * Started/registered/ready per service, providers per reference, registry connection state. A
   * service is `registered` only while the registry holds it: false while ZooKeeper is
   * unreachable at start (its registration is retried).
   */
  health(): ApplicationHealth;
  /**
   * Takes the matching services (all by default) out of the registry without stopping them
   * (Java's QoS `offline`): consumers stop choosing this instance, calls in flight finish.
   * Resolves with the number of services matched. `level` limits it to one side, as Java's QoS
   * `offlineInterface` (the interface-level provider URLs only) and `offlineApp` (the
   * application instance's MetadataInfo only); both by default.
   */
  offline(match?: (service: ServiceHealth) => boolean, level?: RegistrationLevel): Promise<number>;
  /**
   * Registers again what `offline` took out (Java's QoS `online`; `onlineInterface`/`onlineApp`
   * with `level`).
   */
  online(match?: (service: ServiceHealth) => boolean, level?: RegistrationLevel): Promise<number>;
  /**
   * Calls a method of an exported service in this process through its provider filters, by the
   * generic path with the Java types its contract declares (QoS `invoke`).
   */
  invokeService(serviceKey: string, method: string, args: readonly unknown[]): Promise<unknown>;
}
