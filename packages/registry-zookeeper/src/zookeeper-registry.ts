import {
  categoriesOf,
  DEFAULT_CATEGORY,
  isEmptyUrl,
  type Logger,
  type NotifyListener,
  type Registry,
  type RegistryStatus,
  type ServiceUrl,
  serviceInterface,
  silentLogger,
} from "@dubbo-ts/core/spi";
import zookeeper, { type ACL, type Event } from "node-zookeeper-client";
import { toUrlsWithEmpty } from "./child-urls.js";
import { RegistryCache } from "./registry-cache.js";
import {
  type ResolvedOptions,
  resolveOptions,
  type ZookeeperRegistryOptions,
} from "./registry-options.js";
import { categoryPath, parentPath, urlPath } from "./zookeeper-paths.js";
import { ZkCode, ZookeeperSession, zkCode } from "./zookeeper-session.js";

const { ACL: AclClass, Event: ZkEvent, Id, Permission } = zookeeper;

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
}

/**
 * Creates a registry with Java's `ZookeeperRegistry` layout (docs/wire-format.md). Throws a
 * TypeError at once for a malformed address or option, naming the accepted address forms.
 */
export function createZookeeperRegistry(options: ZookeeperRegistryOptions): ZookeeperRegistry {
  return new ZookeeperRegistryImpl(resolveOptions(options), options.logger ?? silentLogger);
}

interface Registration {
  url: ServiceUrl;
  path: string;
  ephemeral: boolean;
  done: boolean;
  running: boolean;
  /** Our node was deleted while a write was still in flight; write again when it ends. */
  deletedWhileRunning?: boolean;
}

interface Subscription {
  url: ServiceUrl;
  key: string;
  listeners: Set<NotifyListener>;
  watches: CategoryWatch[];
  /** Last list delivered per category. */
  delivered: Map<string, ServiceUrl[]>;
  closed: boolean;
}

interface CategoryWatch {
  sub: Subscription;
  category: string;
  path: string;
  /** True when the last read failed and the retry timer owes one. */
  failed: boolean;
  reading: boolean;
  again: boolean;
  timer: NodeJS.Timeout | undefined;
}

class ZookeeperRegistryImpl implements ZookeeperRegistry {
  readonly cacheFile: string | undefined;
  readonly #o: ResolvedOptions;
  readonly #logger: Logger;
  readonly #session: ZookeeperSession;
  readonly #cache: RegistryCache | undefined;
  #cacheLoaded: Promise<void> | undefined;
  readonly #acl: ACL[];
  readonly #registrations = new Map<string, Registration>();
  /** Paths whose removal failed and is retried, with whether the node is ephemeral. */
  readonly #pendingRemovals = new Map<string, boolean>();
  readonly #subscriptions = new Map<string, Subscription>();
  /** Watches by path; one stable watcher function per path so the client never stacks them. */
  readonly #byPath = new Map<string, Set<CategoryWatch>>();
  readonly #watchers = new Map<string, (event: Event) => void>();
  /** One watcher for all our own nodes (node-zookeeper-client dedupes it per path). */
  readonly #ownNodeWatcher = (event: Event) => this.#onOwnNodeEvent(event);
  /** Bumped on every new session: a node written under an older one died with it. */
  #epoch = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #started = false;
  #closed = false;

  constructor(options: ResolvedOptions, logger: Logger) {
    this.#o = options;
    this.#logger = logger.child({ registry: options.connectString, root: options.root });
    this.cacheFile = options.cacheFile;
    this.#cache = options.cacheFile
      ? new RegistryCache(options.cacheFile, this.#logger)
      : undefined;
    this.#acl = options.digest
      ? [
          new AclClass(Permission.ALL, new Id("auth", "")),
          ...(options.worldReadable
            ? [new AclClass(Permission.READ, new Id("world", "anyone"))]
            : []),
        ]
      : [new AclClass(Permission.ALL, new Id("world", "anyone"))];
    this.#session = new ZookeeperSession(
      {
        connectString: options.connectString,
        serverCount: options.address.servers.length,
        sessionTimeout: options.sessionTimeout,
        digest: options.digest,
        logger: this.#logger,
      },
      {
        connected: (newSession) => this.#onConnected(newSession),
        disconnected: () => {},
        expired: () => this.#onExpired(),
      },
    );
  }

  isConnected(): boolean {
    return this.#session.connected;
  }

  status(): RegistryStatus {
    return {
      connected: this.#session.connected,
      address: this.#o.connectString,
      since: this.#session.since,
      lastError: this.#session.lastError,
    };
  }

  isRegistered(url: ServiceUrl): boolean {
    return this.#registrations.get(urlPath(this.#o.root, url))?.done === true;
  }

  stats(): ZookeeperRegistryStats {
    let debounce = 0;
    let failedWatches = 0;
    for (const sub of this.#subscriptions.values()) {
      for (const w of sub.watches) {
        if (w.timer) debounce++;
        if (w.failed) failedWatches++;
      }
    }
    let failedRegistrations = 0;
    for (const r of this.#registrations.values()) if (!r.done) failedRegistrations++;
    return {
      connected: this.#session.connected,
      sessionId: this.#session.sessionId,
      sessionTimeout: this.#session.sessionTimeout,
      ...this.#session.stats,
      registered: this.#registrations.size,
      subscriptions: this.#subscriptions.size,
      pendingRetries: failedRegistrations + failedWatches + this.#pendingRemovals.size,
      watchedPaths: this.#watchers.size,
      timers: debounce + (this.#retryTimer ? 1 : 0),
    };
  }

  async start(): Promise<void> {
    if (this.#closed) throw new Error("this ZooKeeper registry is closed; create a new one");
    if (this.#started) return;
    this.#started = true;
    await this.#loadCache();
    this.#session.start();
    const ok = await this.#session.waitConnected(this.#o.connectTimeout);
    if (ok || this.#closed) return;
    if (this.#o.check) {
      await this.close();
      throw new Error(
        `ZooKeeper ${this.#o.connectString} not connected within ${this.#o.connectTimeout} ms (check=true)${this.#session.lastError ? `; last error: ${this.#session.lastError}` : ""}: start ZooKeeper or fix registry.address (DUBBO_REGISTRY_ADDRESS), or set registry check: false to start anyway and register once it answers`,
      );
    }
    const lastError = this.#session.lastError;
    this.#logger.warn(
      { connectTimeoutMs: this.#o.connectTimeout, cacheFile: this.cacheFile, lastError },
      `ZooKeeper ${this.#o.connectString} is not reachable (not connected within ${this.#o.connectTimeout} ms${lastError ? `; last error: ${lastError}` : ""}): registrations are retried every ${this.#o.retryPeriod} ms and as soon as it answers; references use the cached provider lists${this.cacheFile ? "" : " (none: the cache file is off)"} meanwhile. Set registry check: true to fail start instead`,
    );
  }

  #loadCache(): Promise<void> {
    this.#cacheLoaded ??= this.#cache ? this.#cache.load() : Promise.resolve();
    return this.#cacheLoaded;
  }

  // ---------------------------------------------------------------- register / unregister

  async register(url: ServiceUrl): Promise<void> {
    this.#checkOpen();
    requireInterface(url, "register");
    const path = urlPath(this.#o.root, url);
    this.#pendingRemovals.delete(path);
    let reg = this.#registrations.get(path);
    if (!reg) {
      reg = { url, path, ephemeral: url.getBoolean("dynamic", true), done: false, running: false };
      this.#registrations.set(path, reg);
    }
    if (!reg.done) await this.#doRegister(reg);
  }

  async #doRegister(reg: Registration): Promise<void> {
    if (reg.running || !this.#session.connected) {
      if (!reg.running) this.#armRetry();
      return;
    }
    reg.running = true;
    reg.deletedWhileRunning = false;
    const epoch = this.#epoch;
    try {
      await this.#createNode(reg);
      // Watch our own node: deleted by someone else while our session lives, it is written
      // again (apache/dubbo#2972: otherwise the provider silently vanishes from the registry).
      const stat = await this.#session.exists(reg.path, this.#ownNodeWatcher);
      if (!stat) throw new Error(`node ${reg.path} vanished right after it was created`);
      // Written under a session that has since expired: the node is gone again.
      reg.done = epoch === this.#epoch;
      if (this.#registrations.get(reg.path) !== reg) {
        // Unregistered while we were writing: take the node back out.
        await this.#removeNode(reg.path);
      } else if (reg.done) {
        this.#logger.info({ path: reg.path }, "registered");
      }
    } catch (err) {
      reg.done = false;
      if (epoch === this.#epoch) {
        this.#logger.warn(
          { err, url: reg.url.toFullString(), retryMs: this.#o.retryPeriod },
          "register failed; will retry",
        );
        this.#armRetry();
      }
    } finally {
      reg.running = false;
    }
    if (this.#registrations.get(reg.path) !== reg || this.#closed) return;
    // The node's watch fired while this write was still running (someone deleted the node right
    // after we wrote it), or the session changed meanwhile: write again, now.
    if (reg.deletedWhileRunning) await this.#rewriteDeleted(reg);
    else if (!reg.done && epoch !== this.#epoch) await this.#doRegister(reg);
  }

  /** Our node was deleted by someone else while our session lives: write it again. */
  #rewriteDeleted(reg: Registration): Promise<void> {
    this.#logger.warn({ path: reg.path }, "our node was deleted by someone else; writing it again");
    reg.done = false;
    return this.#doRegister(reg);
  }

  /**
   * Creates the node (parents PERSISTENT). An ephemeral that already exists is ours when its
   * ephemeralOwner is our session; otherwise it is a leftover of an expired session that ZooKeeper
   * has not yet deleted, and is deleted and re-created (apache/dubbo#5125, #5135, #12740).
   */
  async #createNode(reg: Registration): Promise<void> {
    await this.#mkdirp(parentPath(reg.path));
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#session.create(reg.path, reg.ephemeral, this.#acl);
        return;
      } catch (err) {
        if (zkCode(err) !== ZkCode.NodeExists) throw err;
      }
      if (!reg.ephemeral) return;
      const stat = await this.#session.exists(reg.path);
      if (stat && this.#session.ownsEphemeral(stat)) return;
      if (attempt >= 3) throw new Error(`node ${reg.path} keeps existing under another session`);
      if (stat) {
        this.#logger.warn({ path: reg.path }, "deleting a stale node of another session");
        await this.#removeNode(reg.path);
      }
    }
  }

  #onOwnNodeEvent(event: Event): void {
    const path = event.getPath();
    const reg = this.#registrations.get(path);
    if (this.#closed || !reg) return;
    if (reg.running) {
      // The write in flight has armed this watch; it must not end believing the node exists.
      if (event.getType() === ZkEvent.NODE_DELETED) reg.deletedWhileRunning = true;
      return;
    }
    if (!reg.done) return;
    if (event.getType() === ZkEvent.NODE_DELETED) {
      void this.#rewriteDeleted(reg);
    } else {
      // Data changed: watches are one-shot, so arm it again.
      this.#session.exists(path, this.#ownNodeWatcher).catch(() => {});
    }
  }

  async #mkdirp(path: string): Promise<void> {
    if (path === "/") return;
    await this.#session.mkdirp(path, this.#acl);
  }

  /** Deletes a node; a node that is already gone counts as deleted. */
  async #removeNode(path: string): Promise<void> {
    try {
      await this.#session.remove(path);
    } catch (err) {
      if (zkCode(err) !== ZkCode.NoNode) throw err;
    }
  }

  async unregister(url: ServiceUrl): Promise<void> {
    this.#checkOpen();
    requireInterface(url, "unregister");
    const path = urlPath(this.#o.root, url);
    const reg = this.#registrations.get(path);
    this.#registrations.delete(path);
    // Never written (ZooKeeper was down) or still being written (doRegister removes it after).
    if (reg && (!reg.done || reg.running)) return;
    const ephemeral = reg?.ephemeral ?? url.getBoolean("dynamic", true);
    if (!this.#session.connected) {
      this.#pendingRemovals.set(path, ephemeral);
      this.#armRetry();
      return;
    }
    try {
      await this.#removeNode(path);
      this.#logger.info({ path }, "unregistered");
    } catch (err) {
      this.#logger.warn({ err, path }, "unregister failed; will retry");
      this.#pendingRemovals.set(path, ephemeral);
      this.#armRetry();
    }
  }

  // ---------------------------------------------------------------- subscribe / unsubscribe

  async subscribe(url: ServiceUrl, listener: NotifyListener): Promise<void> {
    this.#checkOpen();
    requireInterface(url, "subscribe");
    if (typeof listener !== "function") throw new TypeError("subscribe needs a listener function");
    await this.#loadCache();
    const key = url.toFullString();
    let sub = this.#subscriptions.get(key);
    if (sub) {
      if (sub.listeners.has(listener)) return;
      sub.listeners.add(listener);
      // A new listener of a known subscription gets the current lists at once.
      for (const urls of sub.delivered.values()) safeNotify(this.#logger, listener, urls);
      return;
    }
    sub = {
      url,
      key,
      listeners: new Set([listener]),
      watches: [],
      delivered: new Map(),
      closed: false,
    };
    for (const category of categoriesOf(url)) {
      const w: CategoryWatch = {
        sub,
        category,
        path: categoryPath(this.#o.root, url, category),
        failed: false,
        reading: false,
        again: false,
        timer: undefined,
      };
      sub.watches.push(w);
      this.#addWatch(w);
    }
    this.#subscriptions.set(key, sub);
    await Promise.all(sub.watches.map((w) => this.#read(w, true)));
    if (sub.watches.some((w) => w.failed)) this.#notifyFromCache(sub);
  }

  async unsubscribe(url: ServiceUrl, listener: NotifyListener): Promise<void> {
    const sub = this.#subscriptions.get(url.toFullString());
    if (!sub) return;
    sub.listeners.delete(listener);
    if (sub.listeners.size > 0) return;
    this.#dropSubscription(sub);
  }

  #dropSubscription(sub: Subscription): void {
    sub.closed = true;
    this.#subscriptions.delete(sub.key);
    for (const w of sub.watches) {
      if (w.timer) clearTimeout(w.timer);
      w.timer = undefined;
      const set = this.#byPath.get(w.path);
      set?.delete(w);
      if (set?.size === 0) this.#byPath.delete(w.path);
      // The client may still hold the path's watcher until it fires once; it then finds no watch.
    }
  }

  #addWatch(w: CategoryWatch): void {
    let set = this.#byPath.get(w.path);
    if (!set) {
      set = new Set();
      this.#byPath.set(w.path, set);
    }
    set.add(w);
    if (!this.#watchers.has(w.path)) {
      const path = w.path;
      this.#watchers.set(path, (event) => {
        this.#logger.debug({ path, event: event.getName() }, "watch fired");
        for (const watch of this.#byPath.get(path) ?? []) this.#schedule(watch);
      });
    }
  }

  /** Coalesces a burst of changes: one re-read `notifyDelay` ms after the first event. */
  #schedule(w: CategoryWatch): void {
    if (w.timer || w.sub.closed || this.#closed) return;
    w.timer = setTimeout(() => {
      w.timer = undefined;
      void this.#read(w, false);
    }, this.#o.notifyDelay);
  }

  /**
   * Reads a category's children, re-arming the child watch, and delivers the list when it
   * changed. One read per watch at a time; a request during a read causes one more read after it.
   */
  async #read(w: CategoryWatch, create: boolean): Promise<void> {
    if (w.sub.closed || this.#closed) return;
    if (!this.#session.connected) {
      w.failed = true;
      this.#armRetry();
      return;
    }
    if (w.reading) {
      w.again = true;
      return;
    }
    w.reading = true;
    try {
      const watcher = this.#watchers.get(w.path)!;
      let children: string[];
      // Java creates the category path when subscribing (ZookeeperRegistry.doSubscribe).
      if (create) await this.#mkdirp(w.path);
      try {
        children = await this.#session.getChildren(w.path, watcher);
      } catch (err) {
        // The path was deleted under us (apache/dubbo-js#80): re-create it and watch again.
        if (zkCode(err) !== ZkCode.NoNode) throw err;
        await this.#mkdirp(w.path);
        children = await this.#session.getChildren(w.path, watcher);
      }
      w.failed = false;
      this.#logger.debug({ path: w.path, children: children.length }, "children read");
      this.#deliver(w, toUrlsWithEmpty(w.sub.url, w.category, children));
    } catch (err) {
      w.failed = true;
      this.#logger.warn({ err, path: w.path }, "reading providers failed; keeping the last list");
      this.#armRetry();
    } finally {
      w.reading = false;
    }
    if (w.again) {
      w.again = false;
      await this.#read(w, false);
    }
  }

  /** Notifies the subscription's listeners of one category's list, unless it did not change. */
  #deliver(w: CategoryWatch, urls: ServiceUrl[]): void {
    const sub = w.sub;
    if (sub.closed || this.#closed) return;
    const empty = urls.length === 1 && isEmptyUrl(urls[0]!);
    if (empty && this.#o.emptyProtection && w.category === DEFAULT_CATEGORY) {
      if (sub.delivered.has(w.category)) {
        this.#logger.warn({ path: w.path }, "empty provider list ignored (empty protection)");
      }
      return;
    }
    const before = sub.delivered.get(w.category);
    if (before && sameUrls(before, urls)) return;
    sub.delivered.set(w.category, urls);
    this.#logger.info({ path: w.path, count: empty ? 0 : urls.length }, `${w.category} changed`);
    for (const listener of [...sub.listeners]) safeNotify(this.#logger, listener, urls);
    this.#cache?.set(sub.url.serviceKey, [...sub.delivered.values()].flat());
  }

  /**
   * ZooKeeper could not be read: deliver what the cache file holds for this service key, for
   * categories that have nothing yet (Java's "Using cached list" in FailbackRegistry.subscribe).
   */
  #notifyFromCache(sub: Subscription): void {
    const cached = this.#cache?.get(sub.url.serviceKey);
    if (!cached) return;
    const byCategory = new Map<string, ServiceUrl[]>();
    for (const u of cached) {
      const c = u.getParameter("category", DEFAULT_CATEGORY);
      byCategory.set(c, [...(byCategory.get(c) ?? []), u]);
    }
    for (const w of sub.watches) {
      const urls = byCategory.get(w.category);
      if (!urls || sub.delivered.has(w.category)) continue;
      this.#logger.warn(
        { path: w.path, count: urls.length, cacheFile: this.cacheFile },
        "using the cached list until ZooKeeper answers",
      );
      this.#deliver(w, urls);
    }
  }

  // ---------------------------------------------------------------- session events and retries

  #onConnected(newSession: boolean): void {
    if (this.#closed) return;
    if (newSession) {
      this.#epoch++;
      // A fresh session owns none of our nodes: write them all again (Java's recover()).
      // Removals of ephemerals are moot: those died with the old session.
      for (const r of this.#registrations.values()) r.done = false;
      for (const [path, ephemeral] of this.#pendingRemovals) {
        if (ephemeral) this.#pendingRemovals.delete(path);
      }
    }
    // Every list is re-read after any (re)connection: changes during the outage may have fired
    // no event (docs/robustness.md R10), and a new session has no watches at all.
    this.#runOwed(true);
  }

  #onExpired(): void {
    this.#epoch++;
    for (const r of this.#registrations.values()) r.done = false;
  }

  /** Runs every owed operation now; with `rereadAll`, re-reads every watched list too. */
  #runOwed(rereadAll: boolean): void {
    if (this.#closed || !this.#session.connected) return;
    for (const r of this.#registrations.values()) if (!r.done) void this.#doRegister(r);
    for (const [path, ephemeral] of [...this.#pendingRemovals]) {
      this.#pendingRemovals.delete(path);
      this.#removeNode(path).catch((err) => {
        if (this.#closed) return;
        this.#logger.warn({ err, path }, "unregister failed; will retry");
        this.#pendingRemovals.set(path, ephemeral);
        this.#armRetry();
      });
    }
    for (const sub of this.#subscriptions.values()) {
      for (const w of sub.watches) if (rereadAll || w.failed) void this.#read(w, w.failed);
    }
  }

  /** One interval timer while something is owed; it stops itself when nothing is. */
  #armRetry(): void {
    if (this.#retryTimer || this.#closed) return;
    this.#retryTimer = setInterval(() => {
      if (!this.#owesWork()) {
        clearInterval(this.#retryTimer);
        this.#retryTimer = undefined;
        return;
      }
      this.#runOwed(false);
    }, this.#o.retryPeriod);
    this.#retryTimer.unref();
  }

  #owesWork(): boolean {
    if (this.#pendingRemovals.size > 0) return true;
    for (const r of this.#registrations.values()) if (!r.done) return true;
    for (const sub of this.#subscriptions.values()) {
      for (const w of sub.watches) if (w.failed) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- close

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#retryTimer) clearInterval(this.#retryTimer);
    this.#retryTimer = undefined;
    for (const sub of [...this.#subscriptions.values()]) this.#dropSubscription(sub);
    if (this.#session.connected) {
      // Java's destroy() unregisters everything; closing the session would remove ephemerals
      // too, but persistent (dynamic=false) nodes need the explicit delete.
      const paths = [...this.#registrations.values()].filter((r) => r.done).map((r) => r.path);
      const all = [...paths, ...this.#pendingRemovals.keys()];
      await Promise.allSettled(all.map((p) => this.#removeNode(p)));
    }
    this.#registrations.clear();
    this.#pendingRemovals.clear();
    await this.#session.close();
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

function sameUrls(a: readonly ServiceUrl[], b: readonly ServiceUrl[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i]!.toFullString() !== b[i]!.toFullString()) return false;
  return true;
}

function safeNotify(logger: Logger, listener: NotifyListener, urls: ServiceUrl[]): void {
  try {
    listener([...urls]);
  } catch (err) {
    logger.error({ err }, "a registry listener threw; the registry carries on");
  }
}
