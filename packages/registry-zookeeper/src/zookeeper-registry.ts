import {
  type Logger,
  type NotifyListener,
  type Registry,
  type RegistryStatus,
  type ServiceDiscovery,
  type ServiceUrl,
  serviceInterface,
  silentLogger,
} from "@dubbo-ts/core/spi";
import zookeeper, { type ACL } from "node-zookeeper-client";
import { Registrations } from "./registrations.js";
import { RegistryCache } from "./registry-cache.js";
import type { RegistryContext } from "./registry-context.js";
import {
  type ResolvedOptions,
  resolveOptions,
  type ZookeeperRegistryOptions,
} from "./registry-options.js";
import { Watches } from "./watches.js";
import { urlPath } from "./zookeeper-paths.js";
import { ZookeeperServiceDiscovery } from "./zookeeper-service-discovery.js";
import { ZookeeperSession } from "./zookeeper-session.js";

const { ACL: AclClass, Id, Permission } = zookeeper;

/** What a `ZookeeperRegistry` reports about itself, for monitoring and leak tests. */
export interface ZookeeperRegistryStats {
  connected: boolean;
  /** Current ZooKeeper session id in hex, or undefined while disconnected. */
  sessionId: string | undefined;
  /** The session timeout the server granted (the requested one before connecting). */
  sessionTimeout: number;
  /** node-zookeeper-client instances created so far (1 + one per expiry). */
  clientsCreated: number;
  expirations: number;
  /** Connections dropped by the watchdog because the server went silent. */
  forcedDisconnects: number;
  registered: number;
  subscriptions: number;
  /** Registry operations waiting for the retry timer. */
  pendingRetries: number;
  /** Distinct ZooKeeper paths we have ever set a child watch on. */
  watchedPaths: number;
  /** Timers this registry holds right now (retry + debounce). */
  timers: number;
}

/**
 * The ZooKeeper registry: `Registry` plus introspection. Lifecycle and guarantees:
 *
 * - Constructing does no I/O. `start()` loads the cache file, connects and waits up to
 *   `connectTimeout` for the first connection; when ZooKeeper is unreachable it logs and resolves
 *   anyway (unless `check: true`) and keeps connecting in the background.
 * - `register()` writes the node, or — when ZooKeeper is unreachable or the write fails — resolves
 *   anyway and retries every `retryPeriod` and on every (re)connection. It rejects only on a URL
 *   that cannot be registered.
 * - `subscribe()` resolves after the listener got the first list of each category: from ZooKeeper,
 *   or from the cache file when ZooKeeper cannot be read (a deliberate improvement on Java, whose
 *   registry cannot even be created while ZooKeeper is down), or after nothing when neither exists;
 *   it keeps retrying and converges when ZooKeeper answers.
 * - A disconnect changes nothing for listeners. A reconnection re-reads every watched list (watch
 *   gaps) and notifies only real changes. A session expiry creates a new client, re-creates every
 *   registered node (deleting a stale one left by the old session) and re-arms every watch.
 * - `close()` removes our nodes, ends the session, writes the cache file and stops every timer.
 */
export interface ZookeeperRegistry extends Registry {
  /** The cache file in use, or undefined when the cache is off. */
  readonly cacheFile: string | undefined;
  isConnected(): boolean;
  stats(): ZookeeperRegistryStats;
  /** Dubbo 3 application-level discovery on the same session (see ZookeeperServiceDiscovery). */
  readonly serviceDiscovery: ServiceDiscovery;
}

/**
 * Creates a registry with Java's `ZookeeperRegistry` layout (docs/wire-format.md). Throws a
 * TypeError at once for a malformed address or option, naming the accepted address forms.
 */
export function createZookeeperRegistry(options: ZookeeperRegistryOptions): ZookeeperRegistry {
  return new ZookeeperRegistryImpl(resolveOptions(options), options.logger ?? silentLogger);
}

class ZookeeperRegistryImpl implements ZookeeperRegistry, RegistryContext {
  readonly cacheFile: string | undefined;
  readonly options: ResolvedOptions;
  readonly logger: Logger;
  readonly session: ZookeeperSession;
  readonly acl: ACL[];
  readonly #cache: RegistryCache | undefined;
  #cacheLoaded: Promise<void> | undefined;
  readonly #registrations: Registrations;
  readonly #watches: Watches;
  readonly serviceDiscovery: ZookeeperServiceDiscovery;
  #epoch = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #started = false;
  #closed = false;

  constructor(options: ResolvedOptions, logger: Logger) {
    this.options = options;
    this.logger = logger.child({ registry: options.connectString, root: options.root });
    this.cacheFile = options.cacheFile;
    this.#cache = options.cacheFile ? new RegistryCache(options.cacheFile, this.logger) : undefined;
    this.acl = options.digest
      ? [
          new AclClass(Permission.ALL, new Id("auth", "")),
          ...(options.worldReadable
            ? [new AclClass(Permission.READ, new Id("world", "anyone"))]
            : []),
        ]
      : [new AclClass(Permission.ALL, new Id("world", "anyone"))];
    this.session = new ZookeeperSession(
      {
        connectString: options.connectString,
        serverCount: options.address.servers.length,
        sessionTimeout: options.sessionTimeout,
        digest: options.digest,
        logger: this.logger,
      },
      {
        connected: (newSession) => this.#onConnected(newSession),
        disconnected: () => {},
        expired: () => this.#onExpired(),
      },
    );
    this.#registrations = new Registrations(this);
    this.#watches = new Watches(this, this.#cache);
    this.serviceDiscovery = new ZookeeperServiceDiscovery(this, this.#registrations);
  }

  get epoch(): number {
    return this.#epoch;
  }

  get closed(): boolean {
    return this.#closed;
  }

  isConnected(): boolean {
    return this.session.connected;
  }

  status(): RegistryStatus {
    return {
      connected: this.session.connected,
      address: this.options.connectString,
      since: this.session.since,
      lastError: this.session.lastError,
    };
  }

  isRegistered(url: ServiceUrl): boolean {
    return this.#registrations.isDone(urlPath(this.options.root, url));
  }

  stats(): ZookeeperRegistryStats {
    const watches = this.#watches.counts();
    return {
      connected: this.session.connected,
      sessionId: this.session.sessionId,
      sessionTimeout: this.session.sessionTimeout,
      ...this.session.stats,
      registered: this.#registrations.size,
      subscriptions: this.#watches.size,
      pendingRetries: this.#registrations.pending + watches.failed,
      watchedPaths: this.#watches.watchedPaths,
      timers: watches.timers + (this.#retryTimer ? 1 : 0),
    };
  }

  async start(): Promise<void> {
    this.#checkOpen();
    if (this.#started) return;
    this.#started = true;
    await this.#loadCache();
    this.session.start();
    const o = this.options;
    const ok = await this.session.waitConnected(o.connectTimeout);
    if (ok || this.#closed) return;
    if (o.check) {
      await this.close();
      throw new Error(
        `ZooKeeper ${o.connectString} not connected within ${o.connectTimeout} ms (check=true)${this.session.lastError ? `; last error: ${this.session.lastError}` : ""}: start ZooKeeper or fix registry.address (DUBBO_REGISTRY_ADDRESS), or set registry check: false to start anyway and register once it answers`,
      );
    }
    const lastError = this.session.lastError;
    this.logger.warn(
      { connectTimeoutMs: o.connectTimeout, cacheFile: this.cacheFile, lastError },
      `ZooKeeper ${o.connectString} is not reachable (not connected within ${o.connectTimeout} ms${lastError ? `; last error: ${lastError}` : ""}): registrations are retried every ${o.retryPeriod} ms and as soon as it answers; references use the cached provider lists${this.cacheFile ? "" : " (none: the cache file is off)"} meanwhile. Set registry check: true to fail start instead`,
    );
  }

  #loadCache(): Promise<void> {
    this.#cacheLoaded ??= this.#cache ? this.#cache.load() : Promise.resolve();
    return this.#cacheLoaded;
  }

  async register(url: ServiceUrl): Promise<void> {
    this.#checkOpen();
    requireInterface(url, "register");
    await this.#registrations.register(url, urlPath(this.options.root, url));
  }

  async unregister(url: ServiceUrl): Promise<void> {
    this.#checkOpen();
    requireInterface(url, "unregister");
    await this.#registrations.unregister(url, urlPath(this.options.root, url));
  }

  async subscribe(url: ServiceUrl, listener: NotifyListener): Promise<void> {
    this.#checkOpen();
    requireInterface(url, "subscribe");
    if (typeof listener !== "function") throw new TypeError("subscribe needs a listener function");
    await this.#loadCache();
    await this.#watches.subscribe(url, listener);
  }

  async unsubscribe(url: ServiceUrl, listener: NotifyListener): Promise<void> {
    this.#watches.unsubscribe(url, listener);
  }

  // ---------------------------------------------------------------- session events and retries

  #onConnected(newSession: boolean): void {
    if (this.#closed) return;
    if (newSession) {
      this.#epoch++;
      this.#registrations.onNewSession();
    }
    // Every list is re-read after any (re)connection: changes during the outage may have fired
    // no event (docs/hostile-input-and-failures.md R10), and a new session has no watches at all.
    this.#runOwed(true);
  }

  #onExpired(): void {
    this.#epoch++;
    this.#registrations.onExpired();
  }

  /** Runs every owed operation now; with `rereadAll`, re-reads every watched list too. */
  #runOwed(rereadAll: boolean): void {
    if (this.#closed || !this.session.connected) return;
    this.#registrations.runOwed();
    this.#watches.reread(rereadAll);
    if (rereadAll) this.serviceDiscovery.rereadAll();
  }

  /** One interval timer while something is owed; it stops itself when nothing is. */
  armRetry(): void {
    if (this.#retryTimer || this.#closed) return;
    this.#retryTimer = setInterval(() => {
      if (!this.#registrations.owesWork() && !this.#watches.owesWork()) {
        clearInterval(this.#retryTimer);
        this.#retryTimer = undefined;
        return;
      }
      this.#runOwed(false);
    }, this.options.retryPeriod);
    this.#retryTimer.unref();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retryTimer) clearInterval(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#watches.dropAll();
    this.serviceDiscovery.closeAll();
    await this.#registrations.removeAll();
    await this.session.close();
    if (this.#cache) {
      await this.#cache.flush();
      this.#cache.dispose();
    }
  }

  #checkOpen(): void {
    if (this.#closed) throw new Error("this ZooKeeper registry is closed; create a new one");
  }
}

function requireInterface(url: ServiceUrl, what: string): void {
  const iface = serviceInterface(url);
  if (!iface) throw new TypeError(`cannot ${what} a URL without interface: ${url.toFullString()}`);
  if (iface === "*") {
    throw new TypeError(
      `cannot ${what} interface "*": wildcard (all services) subscriptions are not supported`,
    );
  }
}
