import type { NotifyListener, Registry } from "../registry.js";
import { ServiceUrl } from "../service-url.js";
import { categoryOf, isMatch } from "../url-match.js";

/**
 * What several in-memory registries share, like one ZooKeeper ensemble shared by several
 * processes: the registered URLs and the subscriptions.
 */
export interface MemoryRegistryStore {
  readonly urls: Set<ServiceUrl>;
  readonly subscriptions: Set<{ url: ServiceUrl; listener: NotifyListener }>;
}

export function createMemoryRegistryStore(): MemoryRegistryStore {
  return { urls: new Set(), subscriptions: new Set() };
}

/** An in-memory `Registry` for tests, with a view of what it holds. */
export interface MemoryRegistry extends Registry {
  readonly store: MemoryRegistryStore;
  /** URLs registered through this registry and still registered. */
  readonly registered: readonly ServiceUrl[];
  readonly started: boolean;
  readonly closed: boolean;
  /** Every call made to it, in order (`register dubbo://…`, `unregister …`, `subscribe …`). */
  readonly log: string[];
}

function interfaceOf(url: ServiceUrl): string {
  return url.getParameter("interface") ?? url.path;
}

function categoryOfRegistered(url: ServiceUrl): string {
  return url.protocol === "consumer" ? url.getParameter("category", "consumers") : categoryOf(url);
}

/**
 * Java registry semantics in memory: `subscribe` notifies each subscribed category at once (the
 * matching URLs, or one `empty://` URL with that category), and every later register/unregister
 * notifies the subscribers of that interface with the category's full list. `close()`
 * unregisters what this registry registered. Notifications are synchronous.
 */
export function createMemoryRegistry(
  store: MemoryRegistryStore = createMemoryRegistryStore(),
): MemoryRegistry {
  const mine = new Set<ServiceUrl>();
  const own = new Set<{ url: ServiceUrl; listener: NotifyListener }>();
  const log: string[] = [];
  let started = false;
  let closed = false;

  const categoriesOf = (url: ServiceUrl) =>
    url
      .getParameter("category", "providers")
      .split(",")
      .map((c) => c.trim());

  const notifyCategory = (sub: { url: ServiceUrl; listener: NotifyListener }, category: string) => {
    const urls = [...store.urls].filter(
      (u) =>
        categoryOfRegistered(u) === category && isMatch(sub.url.withParameters({ category }), u),
    );
    sub.listener(
      urls.length > 0 ? urls : [sub.url.with({ protocol: "empty" }).withParameters({ category })],
    );
  };

  const notifyAll = (changed: ServiceUrl) => {
    const category = categoryOfRegistered(changed);
    for (const sub of [...store.subscriptions]) {
      if (interfaceOf(sub.url) !== interfaceOf(changed) && interfaceOf(sub.url) !== "*") continue;
      if (categoriesOf(sub.url).includes(category)) notifyCategory(sub, category);
    }
  };

  const ensureOpen = (op: string) => {
    if (closed) throw new Error(`memory registry is closed (${op})`);
  };

  const registry: MemoryRegistry = {
    store,
    log,
    get registered() {
      return [...mine];
    },
    get started() {
      return started;
    },
    get closed() {
      return closed;
    },
    async start() {
      log.push("start");
      started = true;
    },
    async register(url) {
      ensureOpen("register");
      log.push(`register ${url.toFullString()}`);
      mine.add(url);
      store.urls.add(url);
      notifyAll(url);
    },
    async unregister(url) {
      log.push(`unregister ${url.toFullString()}`);
      const key = url.toFullString();
      for (const u of store.urls) {
        if (u.toFullString() === key) {
          store.urls.delete(u);
          mine.delete(u);
        }
      }
      notifyAll(url);
    },
    async subscribe(url, listener) {
      ensureOpen("subscribe");
      log.push(`subscribe ${url.toFullString()}`);
      const sub = { url, listener };
      store.subscriptions.add(sub);
      own.add(sub);
      for (const category of categoriesOf(url)) notifyCategory(sub, category);
    },
    async unsubscribe(url, listener) {
      log.push(`unsubscribe ${url.toFullString()}`);
      for (const sub of own) {
        if (sub.listener === listener && sub.url.toFullString() === url.toFullString()) {
          own.delete(sub);
          store.subscriptions.delete(sub);
        }
      }
    },
    async close() {
      if (closed) return;
      log.push("close");
      for (const url of [...mine]) await registry.unregister(url);
      for (const sub of own) store.subscriptions.delete(sub);
      own.clear();
      closed = true;
    },
  };
  return registry;
}

/** Parses a URL string, for tests that register hand-written provider URLs. */
export function url(text: string): ServiceUrl {
  return ServiceUrl.parse(text);
}
