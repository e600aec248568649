import type { Directory } from "./directory.js";
import type { Invoker } from "./invoker.js";
import { type Logger, silentLogger } from "./logger.js";
import type { Protocol } from "./protocol.js";
import { createReferredInvoker } from "./referred-invoker.js";
import type { NotifyListener, Registry } from "./registry.js";
import type { ServiceDefinition } from "./service-definition.js";
import type { ServiceUrl } from "./service-url.js";
import { categoryOf, isMatch } from "./url-match.js";
import { mergeUrl } from "./url-merge.js";

export interface RegistryDirectoryOptions {
  readonly registry: Registry;
  readonly protocol: Protocol;
  /** `consumer://<ip>/<interface>?…` with the reference's parameters (version, group, timeout…). */
  readonly consumerUrl: ServiceUrl;
  readonly definition: ServiceDefinition;
  readonly logger?: Logger | undefined;
}

/** A directory kept up to date by a registry subscription. */
export interface RegistryDirectory extends Directory {
  /** Subscribes to providers, configurators and routers; resolves after the first provider list. */
  subscribe(): Promise<void>;
  /** The current provider invokers. */
  readonly invokers: readonly Invoker[];
  /**
   * Applies one category's full URL list (what the registry's listener receives). Exposed so
   * that a registry-less caller or a test can feed it.
   */
  notify(urls: readonly ServiceUrl[]): void;
}

/**
 * Java's `RegistryDirectory`: subscribes to the reference's interface and turns each provider
 * list into invokers through `Protocol.refer`, with the provider URL merged with the consumer's
 * parameters (provider settings are consumer defaults). An invoker whose provider URL did not
 * change is reused; one whose URL disappeared is destroyed after its calls in flight finish; an
 * `empty://` list (the registry's "no providers") empties the directory. Providers of another
 * protocol, group or version, or with `enabled=false`/`disabled=true`, are ignored.
 * Configurators and routers are subscribed to (as Java consumers do) but not applied yet.
 */
export function createRegistryDirectory(options: RegistryDirectoryOptions): RegistryDirectory {
  const { registry, protocol, consumerUrl, definition } = options;
  const logger = (options.logger ?? silentLogger).child({ service: consumerUrl.serviceKey });
  const subscribeUrl = consumerUrl.withParameters({
    category: "providers,configurators,routers",
    check: "false",
  });
  let byUrl = new Map<string, Invoker>();
  let invokers: readonly Invoker[] = [];
  let destroyed = false;
  const skippedProtocols = new Set<string>();

  const refresh = (urls: readonly ServiceUrl[]) => {
    const next = new Map<string, Invoker>();
    const empty = urls.length === 0 || urls.every((u) => u.protocol === "empty");
    if (!empty) {
      for (const url of urls) {
        if (url.protocol === "empty" || !isMatch(subscribeUrl, url)) continue;
        if (url.protocol !== protocol.name) {
          if (!skippedProtocols.has(url.protocol)) {
            skippedProtocols.add(url.protocol);
            logger.warn(
              { provider: url.address, protocol: url.protocol },
              `ignoring ${url.protocol}:// providers: this application speaks ${protocol.name}`,
            );
          }
          continue;
        }
        if (url.getParameter("disabled") === "true") continue;
        const key = url.toFullString();
        if (next.has(key)) continue;
        const existing = byUrl.get(key);
        if (existing) {
          next.set(key, existing);
          continue;
        }
        try {
          next.set(
            key,
            createReferredInvoker(protocol.refer(mergeUrl(url, consumerUrl), definition)),
          );
        } catch (e) {
          logger.error({ err: e, provider: url.address }, "cannot refer provider");
        }
      }
    }
    const removed = [...byUrl].filter(([key]) => !next.has(key)).map(([, invoker]) => invoker);
    byUrl = next;
    invokers = [...next.values()];
    logger.info(
      { providers: invokers.map((i) => i.url.address), removed: removed.length },
      `providers of ${consumerUrl.serviceKey}: ${invokers.length}`,
    );
    for (const invoker of removed) {
      invoker.destroy().catch((e: unknown) => {
        logger.warn(
          { err: e, provider: invoker.url.address },
          "destroying a removed provider failed",
        );
      });
    }
  };

  const listener: NotifyListener = (urls) => {
    if (destroyed) return;
    const providers = urls.filter((u) => categoryOf(u) === "providers");
    if (providers.length > 0) refresh(providers);
  };

  return {
    url: consumerUrl,
    get invokers() {
      return invokers;
    },
    list: () => invokers,
    notify: (urls) => listener([...urls]),
    async subscribe() {
      await registry.subscribe(subscribeUrl, listener);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        await registry.unsubscribe(subscribeUrl, listener);
      } catch (e) {
        logger.warn({ err: e }, "unsubscribe failed");
      }
      const all = invokers;
      byUrl = new Map();
      invokers = [];
      await Promise.all(all.map((i) => i.destroy().catch(() => {})));
    },
  };
}
