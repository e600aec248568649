import type { Filter } from "../filter.js";
import type { ServiceDefinition } from "../service-definition.js";
import type { Constructor } from "./metadata.js";

/**
 * Per-method tuning, written to URLs as `<method>.<key>` (Java's `<dubbo:method>`). On a service
 * these become consumer defaults through the registry; on a reference they win over them.
 */
export interface MethodOptions {
  /** Call timeout in ms. */
  timeout?: number | undefined;
  /** Failover retries (attempts = retries + 1). Set 0 for non-idempotent methods. */
  retries?: number | undefined;
  loadbalance?: string | undefined;
  /**
   * Consumer: max in-flight calls per provider for this method (0 = unlimited). Counted per
   * consumer process: a consumer app with `protocol.workers` counts in each worker.
   */
  actives?: number | undefined;
  /**
   * Provider: max concurrent executions of this method (0 = unlimited). Counted per process: with
   * `protocol.workers: N` each worker allows this many (N × executes for the registered provider).
   */
  executes?: number | undefined;
  weight?: number | undefined;
  sticky?: boolean | undefined;
  /** Forking cluster: how many providers to call in parallel. */
  forks?: number | undefined;
  /** Consistent hash: argument indexes hashed (`hash.arguments`, default [0]). */
  hashArguments?: readonly number[] | undefined;
  /** Consistent hash: virtual nodes per provider (`hash.nodes`, default 160). */
  hashNodes?: number | undefined;
  /** Extra raw URL parameters for this method. */
  parameters?: Readonly<Record<string, string>> | undefined;
}

/** Options shared by services and references (each is a URL parameter of the same name). */
export interface CommonOptions extends MethodOptions {
  /** Java interface name; defaults to the contract's `@JavaInterface`. */
  interface?: string | undefined;
  /**
   * The contract: a class carrying `@JavaInterface`/`@JavaMethod` metadata, or a plain
   * `ServiceDefinition`. For a reference it defaults to the decorated field's TS class type.
   */
  contract?: Constructor | ServiceDefinition | undefined;
  version?: string | undefined;
  group?: string | undefined;
  cluster?: string | undefined;
  /**
   * Service: the protocols to export over (`"tri"`, `"dubbo,tri"`; default `protocol.name`).
   * Reference: only providers of these protocols (default: every protocol with a plugin).
   */
  protocol?: string | readonly string[] | undefined;
  /** Filters of this service or reference only, inside the application-wide ones. */
  filters?: readonly Filter[] | undefined;
  /** Method name → per-method options. */
  methods?: Readonly<Record<string, MethodOptions>> | undefined;
}

/** `@Service` options (Java's `@DubboService` / `<dubbo:service>`). */
export interface ServiceOptions extends CommonOptions {
  /** Provider weight for load balancing (default 100). */
  weight?: number | undefined;
  /** Warm-up period in ms during which the weight ramps up (default 600000). */
  warmup?: number | undefined;
  /** `true` → a random UUID per export; a string is used literally. Consumers send it back. */
  token?: boolean | string | undefined;
  /** Export this many ms after start instead of right away. */
  delay?: number | undefined;
  /** `true` → access log through the logger; a string → append lines to that file. */
  accesslog?: boolean | string | undefined;
  /** `false` exports without registering in the registry. */
  register?: boolean | undefined;
  deprecated?: boolean | undefined;
  /** `false` → a persistent registry node that an admin must delete. */
  dynamic?: boolean | undefined;
}

/** `@Reference` options (Java's `@DubboReference` / `<dubbo:reference>`). */
export interface ReferenceOptions extends CommonOptions {
  /** Fail at start when no provider is available (default true, as in Java). */
  check?: boolean | undefined;
  /**
   * Direct connection, bypassing the registry: `dubbo://127.0.0.1:20881`, several separated by `;`.
   */
  url?: string | undefined;
  /** Connections per provider (0 = one shared). Passed to the protocol through the URL. */
  connections?: number | undefined;
  /** `false` does not register the consumer node in the registry. */
  register?: boolean | undefined;
}
