import type { Directory } from "../directory.js";
import type { Invoker } from "../invoker.js";
import { type Logger, silentLogger } from "../logger.js";
import type { Protocol } from "../protocol.js";
import type { Registry } from "../registry.js";
import { createRegistryDirectory } from "../registry-directory.js";
import type { ServiceDefinition } from "../service-definition.js";
import { ServiceUrl } from "../service-url.js";
import { isMatch } from "../url-match.js";
import type { MetadataInfo } from "./metadata-info.js";
import type { MetadataResolver } from "./metadata-resolver.js";
import type { ServiceDiscovery, Unwatch } from "./service-discovery.js";
import { endpointPort, REVISION_KEY, type ServiceInstance } from "./service-instance.js";

/** How long to wait before trying again an instance whose metadata could not be fetched. */
const METADATA_RETRY_MS = 2000;

/** A directory that is filled by a subscription (interface- or application-level). */
export interface SubscribedDirectory extends Directory {
  /** Subscribes; resolves after the first provider list was applied. */
  subscribe(): Promise<void>;
  readonly invokers: readonly Invoker[];
}

export interface ServiceDiscoveryDirectoryOptions {
  readonly discovery: ServiceDiscovery;
  /** Needed only to build the inner RegistryDirectory; it is never subscribed to. */
  readonly registry: Registry;
  readonly protocol: Protocol;
  /** `consumer://<ip>/<interface>?…` with the reference's parameters. */
  readonly consumerUrl: ServiceUrl;
  readonly definition: ServiceDefinition;
  readonly metadata: MetadataResolver;
  readonly logger?: Logger | undefined;
}

/**
 * Provider URLs of `interfaceName` that one instance serves according to its MetadataInfo
 * (Java's `InstanceAddressURL`): the instance's host, the port of the service's protocol in the
 * instance's endpoints, and the service's parameters, i.e. the URL the provider would have
 * registered at interface level minus its per-process keys.
 */
export function instanceProviderUrls(
  instance: ServiceInstance,
  info: MetadataInfo,
  interfaceName: string,
): ServiceUrl[] {
  const urls: ServiceUrl[] = [];
  for (const s of Object.values(info.services)) {
    if (s.name !== interfaceName) continue;
    urls.push(
      new ServiceUrl({
        protocol: s.protocol,
        host: instance.host,
        port: endpointPort(instance, s.protocol) ?? (s.port > 0 ? s.port : instance.port),
        path: s.path,
        // The instance's `timestamp` stands in for the provider's (InstanceAddressURL reads the
        // instance parameters too), so warm-up weights work as with interface-level URLs.
        parameters: {
          ...(instance.metadata.timestamp ? { timestamp: instance.metadata.timestamp } : {}),
          ...s.params,
          interface: s.params.interface ?? s.name,
        },
      }),
    );
  }
  return urls;
}

/**
 * Java's `ServiceDiscoveryRegistryDirectory` for one reference: reads the applications that
 * provide the interface (`provided-by`, else the interface → application mapping, watched),
 * watches the instances of each application, gets each revision's MetadataInfo once, and turns
 * instance × service into provider URLs that an inner RegistryDirectory refers exactly as
 * interface-level URLs (same merge with the consumer's parameters, same invoker reuse and drain).
 * The interface's override rules (`configurators`) apply as they do to interface-level lists.
 * Instances whose metadata cannot be fetched are left out and tried again after a pause.
 */
export function createServiceDiscoveryDirectory(
  options: ServiceDiscoveryDirectoryOptions,
): SubscribedDirectory {
  const { discovery, consumerUrl, metadata } = options;
  const interfaceName = consumerUrl.getParameter("interface") ?? consumerUrl.path;
  const logger = (options.logger ?? silentLogger).child({
    service: consumerUrl.serviceKey,
    discovery: "application",
  });
  // Its log lines carry `discovery: "application"`, telling them from interface-level ones.
  const inner = createRegistryDirectory({ ...options, logger });
  const instances = new Map<string, readonly ServiceInstance[]>();
  const unwatchApps = new Map<string, Unwatch>();
  let unwatchMapping: Unwatch | undefined;
  // Override rules are the interface's `configurators` category, as for interface-level lists.
  const rulesUrl = consumerUrl.withParameters({ category: "configurators", check: "false" });
  const rulesListener = (urls: ServiceUrl[]) => {
    if (!destroyed) inner.notify(urls);
  };
  let destroyed = false;
  let refreshing: Promise<void> | undefined;
  let again = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const emptyUrl = consumerUrl.with({ protocol: "empty" }).withParameters({
    category: "providers",
  });

  const buildUrls = async (): Promise<{ urls: ServiceUrl[]; failed: number }> => {
    const all = [...instances.values()].flat();
    const settled = await Promise.allSettled(all.map((i) => metadata.resolve(i)));
    const urls: ServiceUrl[] = [];
    let failed = 0;
    settled.forEach((s, i) => {
      const instance = all[i]!;
      if (s.status === "fulfilled") {
        // The registry filters interface-level lists (UrlUtils.isMatch); this list is ours to filter:
        // group, version, enabled and classifier as the reference asks.
        for (const url of instanceProviderUrls(instance, s.value, interfaceName)) {
          if (isMatch(consumerUrl, url)) urls.push(url);
        }
      } else {
        failed++;
        logger.warn(
          {
            err: s.reason,
            instance: `${instance.host}:${instance.port}`,
            revision: instance.metadata[REVISION_KEY],
          },
          "cannot get the instance's metadata; leaving it out for now",
        );
      }
    });
    return { urls, failed };
  };

  const refreshOnce = async () => {
    const { urls, failed } = await buildUrls();
    if (destroyed) return;
    inner.notify(urls.length > 0 ? urls : [emptyUrl]);
    if (failed > 0 && !retryTimer) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void refresh();
      }, METADATA_RETRY_MS);
      retryTimer.unref();
    }
  };

  /** One refresh at a time; changes during one cause exactly one more after it. */
  const refresh = (): Promise<void> => {
    if (destroyed) return Promise.resolve();
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        do {
          again = false;
          await refreshOnce();
        } while (again && !destroyed);
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  const watchApps = async (apps: readonly string[]) => {
    const added = apps.filter((a) => a !== "" && !unwatchApps.has(a));
    await Promise.all(
      added.map(async (app) => {
        unwatchApps.set(app, () => {});
        const unwatch = await discovery.watchInstances(app, (list) => {
          instances.set(app, list);
          if (!destroyed) void refresh();
        });
        if (destroyed) unwatch();
        else unwatchApps.set(app, unwatch);
      }),
    );
    if (added.length > 0) {
      logger.info({ apps: [...unwatchApps.keys()] }, `applications providing ${interfaceName}`);
    }
  };

  return {
    url: consumerUrl,
    get invokers() {
      return inner.invokers;
    },
    list: (invocation) => inner.list(invocation),
    emptyReason: () => inner.emptyReason?.(),
    async subscribe() {
      await options.registry.subscribe(rulesUrl, rulesListener);
      const providedBy = consumerUrl.getParameter("provided-by");
      if (providedBy) {
        await watchApps(providedBy.split(",").map((a) => a.trim()));
      } else {
        let first = true;
        let initial: string[] = [];
        unwatchMapping = await discovery.watchMapping(interfaceName, (apps) => {
          if (first) initial = apps;
          else if (!destroyed) void watchApps(apps).then(refresh);
        });
        first = false;
        if (initial.length === 0) {
          logger.info(
            `no application is mapped to ${interfaceName} yet; waiting for the mapping to appear`,
          );
        }
        await watchApps(initial);
      }
      await refresh();
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (retryTimer) clearTimeout(retryTimer);
      unwatchMapping?.();
      await options.registry.unsubscribe(rulesUrl, rulesListener).catch(() => {});
      for (const unwatch of unwatchApps.values()) unwatch();
      unwatchApps.clear();
      await inner.destroy();
    },
  };
}
