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
}
