import {
  categoriesOf,
  DEFAULT_CATEGORY,
  isEmptyUrl,
  type Logger,
  type NotifyListener,
  type ServiceUrl,
} from "@dubbo-ts/core/spi";
import type { Event } from "node-zookeeper-client";
import { toUrlsWithEmpty } from "./child-urls.js";
import type { RegistryCache } from "./registry-cache.js";
import { mkdirp, type RegistryContext } from "./registry-context.js";
import { ZkCode, zkCode } from "./zk-codes.js";
import { categoryPath } from "./zookeeper-paths.js";

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

/**
 * The subscriptions of a registry (Java's `FailbackRegistry` subscribe half): one child watch per
 * category path, re-read after each event (debounced by `notifyDelay`) and after each
 * (re)connection, listeners notified only of real changes, the cache file written on each change
 * and read while ZooKeeper cannot be.
 */
export class Watches {
  readonly #ctx: RegistryContext;
  readonly #cache: RegistryCache | undefined;
  readonly #subscriptions = new Map<string, Subscription>();
  /** Watches by path; one stable watcher function per path so the client never stacks them. */
  readonly #byPath = new Map<string, Set<CategoryWatch>>();
  readonly #watchers = new Map<string, (event: Event) => void>();

  constructor(ctx: RegistryContext, cache: RegistryCache | undefined) {
    this.#ctx = ctx;
    this.#cache = cache;
  }

  get size(): number {
    return this.#subscriptions.size;
  }

  /** Distinct ZooKeeper paths we have ever set a child watch on. */
  get watchedPaths(): number {
    return this.#watchers.size;
  }

  /** Debounce timers running, and reads owed to the retry timer (not counting one in flight). */
  counts(): { timers: number; failed: number } {
    let timers = 0;
    let failed = 0;
    for (const sub of this.#subscriptions.values()) {
      for (const w of sub.watches) {
        if (w.timer) timers++;
        if (w.failed && !w.reading) failed++;
      }
    }
    return { timers, failed };
  }

  owesWork(): boolean {
    for (const sub of this.#subscriptions.values()) {
      for (const w of sub.watches) if (w.failed) return true;
    }
    return false;
  }

  /** See `ZookeeperRegistry` for the contract (resolves after the first list of each category). */
  async subscribe(url: ServiceUrl, listener: NotifyListener): Promise<void> {
    const key = url.toFullString();
    let sub = this.#subscriptions.get(key);
    if (sub) {
      if (sub.listeners.has(listener)) return;
      sub.listeners.add(listener);
      // A new listener of a known subscription gets the current lists at once.
      for (const urls of sub.delivered.values()) safeNotify(this.#ctx.logger, listener, urls);
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
        path: categoryPath(this.#ctx.options.root, url, category),
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

  unsubscribe(url: ServiceUrl, listener: NotifyListener): void {
    const sub = this.#subscriptions.get(url.toFullString());
    if (!sub) return;
    sub.listeners.delete(listener);
    if (sub.listeners.size > 0) return;
    this.#drop(sub);
  }

  /** Drops every subscription and its timers. */
  dropAll(): void {
    for (const sub of [...this.#subscriptions.values()]) this.#drop(sub);
  }

  #drop(sub: Subscription): void {
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
        this.#ctx.logger.debug({ path, event: event.getName() }, "watch fired");
        for (const watch of this.#byPath.get(path) ?? []) this.#schedule(watch);
      });
    }
  }

  /** Coalesces a burst of changes: one re-read `notifyDelay` ms after the first event. */
  #schedule(w: CategoryWatch): void {
    if (w.timer || w.sub.closed || this.#ctx.closed) return;
    w.timer = setTimeout(() => {
      w.timer = undefined;
      void this.#read(w, false);
    }, this.#ctx.options.notifyDelay);
  }

  /** Re-reads the lists that failed, or with `all` every watched list (watch gaps). */
  reread(all: boolean): void {
    for (const sub of this.#subscriptions.values()) {
      for (const w of sub.watches) if (all || w.failed) void this.#read(w, w.failed);
    }
  }

  /**
   * Reads a category's children, re-arming the child watch, and delivers the list when it
   * changed. One read per watch at a time; a request during a read causes one more read after it.
   */
  async #read(w: CategoryWatch, create: boolean): Promise<void> {
    const ctx = this.#ctx;
    if (w.sub.closed || ctx.closed) return;
    if (!ctx.session.connected) {
      w.failed = true;
      ctx.armRetry();
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
      if (create) await mkdirp(ctx, w.path);
      try {
        children = await ctx.session.getChildren(w.path, watcher);
      } catch (err) {
        // The path was deleted under us (apache/dubbo-js#80): re-create it and watch again.
        if (zkCode(err) !== ZkCode.NoNode) throw err;
        await mkdirp(ctx, w.path);
        children = await ctx.session.getChildren(w.path, watcher);
      }
      w.failed = false;
      ctx.logger.debug({ path: w.path, children: children.length }, "children read");
      this.#deliver(w, toUrlsWithEmpty(w.sub.url, w.category, children));
    } catch (err) {
      w.failed = true;
      ctx.logger.warn({ err, path: w.path }, "reading providers failed; keeping the last list");
      ctx.armRetry();
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
    const ctx = this.#ctx;
    const sub = w.sub;
    if (sub.closed || ctx.closed) return;
    const empty = urls.length === 1 && isEmptyUrl(urls[0]!);
    if (empty && ctx.options.emptyProtection && w.category === DEFAULT_CATEGORY) {
      if (sub.delivered.has(w.category)) {
        ctx.logger.warn({ path: w.path }, "empty provider list ignored (empty protection)");
      }
      return;
    }
    const before = sub.delivered.get(w.category);
    if (before && sameUrls(before, urls)) return;
    sub.delivered.set(w.category, urls);
    ctx.logger.info({ path: w.path, count: empty ? 0 : urls.length }, `${w.category} changed`);
    for (const listener of [...sub.listeners]) safeNotify(ctx.logger, listener, urls);
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
      this.#ctx.logger.warn(
        { path: w.path, count: urls.length, cacheFile: this.#cache?.file },
        "using the cached list until ZooKeeper answers",
      );
      this.#deliver(w, urls);
    }
  }
}

function sameUrls(a: readonly ServiceUrl[], b: readonly ServiceUrl[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i]!.toFullString() !== b[i]!.toFullString()) return false;
  return true;
}

/** Calls a listener with a copy of the list; a listener that throws is logged, not fatal. */
export function safeNotify(logger: Logger, listener: NotifyListener, urls: ServiceUrl[]): void {
  try {
    listener([...urls]);
  } catch (err) {
    logger.error({ err }, "a registry listener threw; the registry carries on");
  }
}
