import type { ServiceDiscovery } from "./discovery/service-discovery.js";
import type { ServiceUrl } from "./service-url.js";

/**
 * Receives the full current list of URLs for one category of a subscription (Java's
 * `NotifyListener`). An empty category arrives as one `empty://` URL, as in Java Dubbo.
 */
export type NotifyListener = (urls: ServiceUrl[]) => void;

/**
 * "Who is out there": registers this process's URLs and tells subscribers the URLs of others.
 * Constructing a registry does no I/O; `start()` connects and `close()` unregisters and disconnects.
 */
export interface Registry {
  start(): Promise<void>;
  /** Registers a provider (`dubbo://…`) or consumer (`consumer://…`) URL; retried in the background on failure. */
  register(url: ServiceUrl): Promise<void>;
  /** Removes exactly the node `register` created. */
  unregister(url: ServiceUrl): Promise<void>;
  /**
   * Watches the categories in the consumer URL's `category` parameter (default `providers`).
   * Resolves after the listener received the first list of each category (core relies on this
   * for `check`: no provider right after `subscribe` means none is registered).
   */
  subscribe(url: ServiceUrl, listener: NotifyListener): Promise<void>;
  unsubscribe(url: ServiceUrl, listener: NotifyListener): Promise<void>;
  /** Whether the connection to the registry is up now (health); optional for a registry. */
  isConnected?(): boolean;
  close(): Promise<void>;
  /**
   * Whether the registry is reachable now, for messages and health (optional: a registry without
   * it counts as connected). Never throws.
   */
  status?(): RegistryStatus;
  /** Whether `url` (given to `register`) is written in the registry now (optional). */
  isRegistered?(url: ServiceUrl): boolean;
  /**
   * Application-level discovery on the same store (Dubbo 3 `/services`, mapping, metadata
   * report), when the plugin supports it; started and closed with the registry.
   */
  readonly serviceDiscovery?: ServiceDiscovery | undefined;
}

/** What a registry says about its connection (see `Registry.status`). */
export interface RegistryStatus {
  readonly connected: boolean;
  /** The address as configured, e.g. `127.0.0.1:2181,127.0.0.1:2182`. */
  readonly address: string;
  /** When it last connected, or (while not connected) since when it has not been. Epoch ms. */
  readonly since: number;
  /** The last connection error, e.g. `connect ECONNREFUSED 127.0.0.1:2181`. */
  readonly lastError?: string | undefined;
}
