import { applyConfigurators, toConfigurators } from "./configurator.js";
import type { Directory } from "./directory.js";
import type { Invoker } from "./invoker.js";
import { type Logger, silentLogger } from "./logger.js";
import type { Protocol } from "./protocol.js";
import { speaks } from "./protocol-set.js";
import { createReferredInvoker } from "./referred-invoker.js";
import type { NotifyListener, Registry } from "./registry.js";
import { describeDisconnected, disconnected } from "./registry-inventory.js";
import type { ServiceDefinition } from "./service-definition.js";
import type { ServiceUrl } from "./service-url.js";
import { categoryOf } from "./url-match.js";
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
 * parameters (provider settings are consumer defaults) and then rewritten by the current override
 * rules (`configurators`, see configurator.ts; RegistryDirectory.mergeUrl). Invokers are kept by
 * that final URL: one whose URL did not change is reused; a URL that changed (a provider
 * re-registered, or a rule changed its parameters) is referred again before the old invoker is
 * destroyed (the dubbo protocol shares connections per address, so the connection stays); one whose
 * URL disappeared is destroyed after its calls in flight finish; an `empty://` provider list (the
 * registry's "no providers") empties the directory. Providers of another protocol, group or
 * version, with `enabled=false`, or disabled after the rules (`disabled=true`, which wins over
 * `enabled`) are left out. The `configurators` list arrives independently of the provider list:
 * a change re-applies the rules to the last provider list. Routers are subscribed to (as Java
 * consumers do) but not applied.
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
  // RegistryDirectory: a reference's `protocol` (comma-separated) keeps only those providers;
  // without it, every provider whose protocol the application has a plugin for.
  const wanted = consumerUrl
    .getParameter("protocol")
    ?.split(",")
    .map((p) => p.trim());
  const accepts = (name: string) =>
    speaks(protocol, name) && (wanted === undefined || wanted.includes(name));
  /** The last provider list notified (undefined before the first), to re-apply changed rules to. */
  let providerUrls: readonly ServiceUrl[] | undefined;
  let configurators: readonly ServiceUrl[] = [];

  const refresh = (urls: readonly ServiceUrl[]) => {
    const next = new Map<string, Invoker>();
    const empty = urls.length === 0 || urls.every((u) => u.protocol === "empty");
    if (!empty) {
      for (const url of urls) {
        // The registry notifies only URLs matching subscribeUrl (the Registry contract).
        if (url.protocol === "empty") continue;
        if (!accepts(url.protocol)) {
          if (!skippedProtocols.has(url.protocol)) {
            skippedProtocols.add(url.protocol);
            logger.warn(
              { provider: url.address, protocol: url.protocol },
              wanted
                ? `ignoring ${url.protocol}:// providers: this reference uses ${wanted.join(",")}`
                : `ignoring ${url.protocol}:// providers: this application has no plugin for ${url.protocol}`,
            );
          }
          continue;
        }
        const configured = applyConfigurators(
          configurators,
          mergeUrl(url, consumerUrl),
          consumerUrl.host,
        );
        if (isDisabled(configured)) continue;
        const key = configured.toFullString();
        if (next.has(key)) continue;
        const existing = byUrl.get(key);
        if (existing) {
          next.set(key, existing);
          continue;
        }
        try {
          next.set(key, createReferredInvoker(protocol.refer(configured, definition)));
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
    // A notified category is its full list: rules that do not match this consumer count as none.
    const notifiedRules = urls.filter((u) => categoryOf(u) === "configurators");
    const rules = notifiedRules.length === 0 ? undefined : (toConfigurators(notifiedRules) ?? []);
    if (rules) {
      configurators = rules;
      logger.info(
        { rules: rules.map((r) => r.toFullString()) },
        `override rules of ${consumerUrl.serviceKey}: ${rules.length}`,
      );
    }
    const providers = urls.filter((u) => categoryOf(u) === "providers");
    if (providers.length > 0) providerUrls = providers;
    if (providerUrls && (providers.length > 0 || rules)) refresh(providerUrls);
  };

  return {
    url: consumerUrl,
    get invokers() {
      return invokers;
    },
    list: () => invokers,
    emptyReason: () => {
      const down = disconnected(registry);
      return down && describeDisconnected(down);
    },
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

/**
 * RegistryDirectory.toInvokers: a provider URL (after the rules) with `disabled` is disabled when
 * that is `true`; without it, when `enabled` is other than `true`.
 */
function isDisabled(url: ServiceUrl): boolean {
  return url.parameters.disabled !== undefined
    ? url.getBoolean("disabled", false)
    : !url.getBoolean("enabled", true);
}
