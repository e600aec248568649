import { ServiceUrl } from "./service-url.js";

/**
 * The protocol version Java Dubbo writes as `dubbo=` (`Version.DEFAULT_DUBBO_PROTOCOL_VERSION`).
 * Java consumers read it to decide whether responses may carry attachments, so it must be 2.0.2.
 */
export const DUBBO_PROTOCOL_VERSION = "2.0.2";

/**
 * The Java Dubbo release whose registry and wire behaviour dubbo-ts follows, written as `release=`.
 * Java peers only log it; it is configurable per URL.
 */
export const DUBBO_RELEASE = "2.7.23";

type ParameterValue = string | number | boolean | undefined;

/** What a provider URL is built from; everything beyond the first five keys is optional. */
export interface ProviderUrlInit {
  /** The address consumers connect to (never 0.0.0.0: Java registers the resolved local IP). */
  host: string;
  port: number;
  interface: string;
  /**
   * Method names; written sorted and comma-joined, or `*` when empty (a generic service). Java 3.x
   * sorts them too; 2.7.23 was seen writing reflection order. Consumers do not depend on the order;
   * pass `parameters: { methods }` to write an exact string.
   */
  methods: readonly string[];
  application: string;
  /** `dubbo` unless the service is exported over another protocol. */
  protocol?: string;
  version?: string;
  group?: string;
  /** Java writes `anyhost=true` when the protocol binds 0.0.0.0, which is the default. */
  anyhost?: boolean;
  timeout?: number;
  retries?: number;
  weight?: number;
  loadbalance?: string;
  cluster?: string;
  token?: string | undefined;
  serialization?: string;
  warmup?: number;
  /** Export time in ms; consumers compute warm-up from it. Defaults to `Date.now()`. */
  timestamp?: number;
  /** Defaults to `process.pid`. To leave it out as Java 3.2.11+ does, pass `parameters: { pid: undefined }`. */
  pid?: number;
  release?: string;
  /**
   * Any further parameters (method-level `<method>.timeout`, `revision`, …). They win over the
   * keys above; an `undefined` value removes that key.
   */
  parameters?: Record<string, ParameterValue>;
}

/**
 * Builds the provider URL Java Dubbo 2.7 registers for the same configuration
 * (`ServiceConfig.doExportUrlsFor1Protocol`; docs/wire-format.md): `anyhost`, `application`,
 * `deprecated=false`, `dubbo=2.0.2`, `dynamic=true`, `generic=false`, `interface`, `methods` sorted
 * (`TreeSet`) and comma-joined, `pid`, `release`, `side=provider`, `timestamp`, plus `version`,
 * `group`, `timeout`… only when given. `toFullString()` of the result sorts the keys, so
 * `ServiceUrl.encode(url.toFullString())` is the node name Java would create.
 */
export function buildProviderUrl(init: ProviderUrlInit): ServiceUrl {
  requireText(init.host, "host");
  requireText(init.interface, "interface");
  requireText(init.application, "application");
  if (!Number.isInteger(init.port) || init.port <= 0 || init.port > 65535) {
    throw new RangeError(`provider port must be an integer in 1..65535, got ${init.port}`);
  }
  const methods = [...new Set(init.methods)].sort();
  return new ServiceUrl({
    protocol: init.protocol ?? "dubbo",
    host: init.host,
    port: init.port,
    path: init.interface,
    parameters: {
      anyhost: init.anyhost ?? true,
      application: init.application,
      deprecated: false,
      dubbo: DUBBO_PROTOCOL_VERSION,
      dynamic: true,
      generic: false,
      interface: init.interface,
      methods: methods.length > 0 ? methods.join(",") : "*",
      pid: init.pid ?? process.pid,
      release: init.release ?? DUBBO_RELEASE,
      side: "provider",
      timestamp: init.timestamp ?? Date.now(),
      version: init.version,
      group: init.group,
      timeout: init.timeout,
      retries: init.retries,
      weight: init.weight,
      loadbalance: init.loadbalance,
      cluster: init.cluster,
      token: init.token,
      serialization: init.serialization,
      warmup: init.warmup,
      ...init.parameters,
    },
  });
}

/** What a consumer URL is built from. */
export interface ConsumerUrlInit {
  /** The consumer's own IP as peers see it (Java: `NetUtils.getLocalHost()`). */
  host: string;
  interface: string;
  application: string;
  methods?: readonly string[];
  version?: string;
  group?: string;
  /** Categories to watch; Java consumers subscribe to `providers,configurators,routers`. */
  category?: string;
  timestamp?: number;
  pid?: number;
  release?: string;
  parameters?: Record<string, ParameterValue>;
}

/**
 * Builds the URL a Java 2.7 consumer registers under `/consumers` (docs/wire-format.md):
 * `consumer://<ip>/<interface>?application=…&category=consumers&check=false&dubbo=2.0.2&…&side=consumer`.
 * For subscribing, use `.withParameters({ category: "providers,configurators,routers" })` or pass
 * `category`; the default here is `consumers`, the category the URL is registered under.
 */
export function buildConsumerUrl(init: ConsumerUrlInit): ServiceUrl {
  requireText(init.host, "host");
  requireText(init.interface, "interface");
  requireText(init.application, "application");
  const methods = [...new Set(init.methods ?? [])].sort();
  return new ServiceUrl({
    protocol: "consumer",
    host: init.host,
    path: init.interface,
    parameters: {
      application: init.application,
      category: init.category ?? "consumers",
      check: false,
      dubbo: DUBBO_PROTOCOL_VERSION,
      interface: init.interface,
      methods: methods.length > 0 ? methods.join(",") : undefined,
      pid: init.pid ?? process.pid,
      release: init.release ?? DUBBO_RELEASE,
      side: "consumer",
      timestamp: init.timestamp ?? Date.now(),
      version: init.version,
      group: init.group,
      ...init.parameters,
    },
  });
}

function requireText(value: string, name: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${name} is required and must be a non-empty string`);
  }
}
