import { createApplicationOperations } from "./application-operations.js";
import { createApplicationReferences, referenceRequest } from "./application-references.js";
import { exportServices, planServices } from "./application-services.js";
import { checkText } from "./config/checks.js";
import type { DubboConfig, ResolvedConfig } from "./config/config.js";
import { loadConfig } from "./config/resolve-config.js";
import type { ReferenceOptions } from "./decorators/options.js";
import {
  type ApplicationDiscovery,
  createApplicationDiscovery,
} from "./discovery/application-discovery.js";
import type { ServiceDiscovery } from "./discovery/service-discovery.js";
import { lateFilters } from "./extension.js";
import type { Filter } from "./filter.js";
import type { GenericService } from "./generic.js";
import { localAddress } from "./local-address.js";
import { defaultLogger, type Logger } from "./logger.js";
import { createPlugins } from "./plugins.js";
import type { Protocol } from "./protocol.js";
import {
  claimProviderRole,
  createWorkerPool,
  exportedPorts,
  providerWorkerSlot,
  serveAsWorker,
  type WorkerSide,
} from "./provider-workers.js";
import type { ReferenceHandle, ReferenceRequest } from "./reference-handle.js";
import type { Registry } from "./registry.js";
import type { ExportedService } from "./service-export.js";
import { shutdown } from "./shutdown.js";
import { closeOnSignal, DEFAULT_SIGNALS } from "./signals.js";

export type { Application, ApplicationOptions, ApplicationState } from "./application-api.js";

import type { Application, ApplicationOptions, ApplicationState } from "./application-api.js";

const CONFIG_KEYS = [
  "name",
  "registry",
  "protocol",
  "protocols",
  "consumer",
  "provider",
  "shutdown",
  "application",
] as const;

/**
 * The one entry point of a dubbo-ts application. Creating it does no I/O and reads no
 * configuration; `start()` does. Example (provider and consumer in one):
 *
 * ```ts
 * const app = createApplication({
 *   name: "jd-sellergoods-service",
 *   registry: { address: "zookeeper://127.0.0.1:2181" },
 *   protocol: { name: "dubbo", port: 20881 },
 *   services: [new BrandServiceImpl(db)],
 *   plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
 *   logger: pino(),
 * });
 * await app.start();
 * ```
 */
export function createApplication(options: ApplicationOptions): Application {
  let state: ApplicationState = "new";
  let config: ResolvedConfig | undefined;
  let logger: Logger = options.logger ?? defaultLogger();
  let protocol: Protocol | undefined;
  let registry: Registry | undefined;
  let discovery: ApplicationDiscovery | undefined;
  let republish: (() => Promise<void>) | undefined;
  /** Framework services (the MetadataService): shut down with the others, not in health/QoS. */
  const internalExports: ExportedService[] = [];
  let host = "127.0.0.1";
  let starting: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  const exported: ExportedService[] = [];
  const delayed = new Set<NodeJS.Timeout>();
  const pendingTargets: object[] = [...(options.components ?? [])];
  /** Unregisters from the signal handler (set by start with `shutdown.hook`, or closeOnSignals). */
  let releaseSignals: (() => void) | undefined;
  let customSignals = false;
  /** Set when this process is a provider worker (protocol.workers > 1): see provider-workers.ts. */
  let worker: WorkerSide | undefined;

  const notRunning = (what: string) =>
    new Error(
      state === "closed" || state === "closing"
        ? `the application is closed; ${what} can no longer be called`
        : `the application is not started: await app.start() before calling ${what}`,
    );
  const extensions = options.extensions ?? [];
  // Extensions' consumer filters, outside the application's, known once the extensions started.
  const extensionConsumerFilters: Filter[] = [];
  const references = createApplicationReferences({
    filters: [
      ...(extensions.length > 0 ? [lateFilters(extensionConsumerFilters)] : []),
      ...(options.filters?.consumer ?? []),
    ],
    running: () => state === "started" || state === "starting",
    notRunning,
    environment: () => config && { config, protocol, registry, discovery, host, logger },
  });
  /** Connects a reference made after start; its calls wait for it, a failure is logged. */
  const connectLate = (handle: ReferenceHandle) => {
    const ready = references.connect(handle);
    ready.catch((e: unknown) =>
      logger.error({ err: e }, `${handle.request.where} failed to connect`),
    );
  };

  const doStart = async () => {
    const code: DubboConfig = {};
    for (const key of CONFIG_KEYS) {
      if (options[key] !== undefined) (code as Record<string, unknown>)[key] = options[key];
    }
    config = loadConfig({
      code,
      configFile: options.configFile,
      env: options.env === false ? {} : (options.env ?? process.env),
    });
    logger = (options.logger ?? defaultLogger()).child({ application: config.name });
    // A provider worker leaves signals to its primary, which closes it (provider-workers.ts).
    const inWorker = providerWorkerSlot() !== undefined;
    if (config.shutdown.hook && !customSignals && !inWorker) {
      releaseSignals = closeOnSignal({ close: () => app.close(), logger: () => logger });
    }
    host = config.protocol.host ?? localAddress();

    const plans = await planServices(options, config);
    const role = plans.length > 0 ? claimProviderRole(config) : "single";
    if (role === "worker") {
      worker = serveAsWorker({ close: (o) => app.close(o), logger: () => logger });
      config = worker.config(config);
    }
    for (const target of pendingTargets.splice(0)) references.inject(target);
    ({ protocol, registry } = createPlugins({
      plugins: options.plugins,
      config,
      logger,
      needProtocol: plans.length > 0 || references.count > 0,
    }));
    // Check every reference before any I/O, so configuration errors come first.
    references.planAll();
    if (role === "primary") {
      protocol = createWorkerPool({
        count: config.protocol.workers,
        bind: config.protocol.bind,
        logger,
        giveUp: (e) => {
          logger.error({ err: e }, e.message);
          void app.close().finally(() => process.exit(1));
        },
      }).protocol(protocol!);
    }

    const providerFilters: Filter[] = [];
    for (const extension of extensions) {
      const added = await extension.start?.({ app, config, logger, host });
      providerFilters.push(...(added?.provider ?? []));
      extensionConsumerFilters.push(...(added?.consumer ?? []));
      if (registry && added?.registry) registry = added.registry(registry);
    }
    if (registry && worker) registry = worker.registry(registry);
    await registry?.start();
    if (registry?.serviceDiscovery) {
      discovery = createApplicationDiscovery({
        registry: registry as Registry & { serviceDiscovery: ServiceDiscovery },
        protocol,
        config,
        host,
        logger,
      });
      await discovery.start();
    }
    const context = {
      protocol: protocol!,
      registry,
      config,
      host,
      logger,
      filters: [...providerFilters, ...(options.filters?.provider ?? [])],
    };
    // The application's service list changed (start, a delayed export, offline/online): publish
    // its instance with the new revision.
    republish = async () => {
      internalExports.push(...((await discovery?.publish(exported, context)) ?? []));
    };
    await exportServices(plans, context, {
      exported,
      delayed,
      changed: () => {
        worker?.report(exportedPorts([...exported, ...internalExports]));
        republish?.().catch((e: unknown) =>
          logger.warn({ err: e }, "republishing the instance failed"),
        );
      },
    });
    await republish();
    await references.connectAll();
    worker?.report(exportedPorts([...exported, ...internalExports]));
  };

  const doClose = async (timeoutMs?: number) => {
    const started = Date.now();
    logger.info("closing");
    for (const t of delayed) clearTimeout(t);
    delayed.clear();
    await discovery?.close();
    await shutdown(
      {
        exported: [...exported, ...internalExports],
        references: await references.settled(),
        protocol,
        registry,
        logger,
      },
      timeoutMs ?? config?.shutdown.timeout ?? 10_000,
    );
    for (const extension of [...extensions].reverse()) {
      await extension
        .close?.()
        .catch((e: unknown) => logger.warn({ err: e }, `extension ${extension.name} close failed`));
    }
    logger.info({ elapsedMs: Date.now() - started }, "closed");
  };

  const release = () => {
    releaseSignals?.();
    releaseSignals = undefined;
  };
  const operations = createApplicationOperations({
    state: () => state,
    config: () => config,
    registry: () => registry,
    exported,
    references: () => references.connected(),
    logger: () => logger,
    changed: () => republish?.() ?? Promise.resolve(),
  });

  const addReference = (request: ReferenceRequest, what: string) => {
    if (state !== "new" && state !== "started") throw notRunning(what);
    const handle = references.add(request);
    if (state === "started") connectLate(handle);
    return handle.proxy;
  };

  const app: Application = {
    get state() {
      return state;
    },
    get config() {
      return config;
    },
    get exported() {
      return exported.map((e) => e.url);
    },
    get registry() {
      return registry;
    },
    get protocol() {
      return protocol;
    },
    start() {
      if (state !== "new") {
        return Promise.reject(new Error(`start() can be called once; the application is ${state}`));
      }
      state = "starting";
      starting = doStart().then(
        () => {
          state = "started";
          logger.info(
            { services: exported.length, references: references.connectionCount },
            "started",
          );
        },
        async (e: unknown) => {
          worker?.failed(e);
          state = "closing";
          await doClose(1000).catch(() => {});
          state = "closed";
          release();
          throw e;
        },
      );
      return starting;
    },
    close(closeOptions) {
      if (closing) return closing;
      const previous = starting?.catch(() => {}) ?? Promise.resolve();
      closing = previous.then(async () => {
        if (state === "closed") return;
        const wasStarted = state === "started";
        state = "closing";
        if (wasStarted) await doClose(closeOptions?.timeoutMs);
        state = "closed";
        release();
      });
      return closing;
    },
    reference(contract: unknown, referenceOptions?: ReferenceOptions) {
      return addReference(referenceRequest(contract, referenceOptions), "reference()") as never;
    },
    generic(referenceOptions) {
      checkText(referenceOptions?.interface, "generic({ interface })", "com.x.FooService");
      const request = {
        options: referenceOptions,
        where: `generic(${referenceOptions.interface})`,
        generic: true,
      };
      return addReference(request, "generic()") as unknown as GenericService;
    },
    inject(target) {
      const fill = () => {
        for (const handle of references.inject(target)) connectLate(handle);
      };
      if (state === "new") pendingTargets.push(target);
      else if (state === "started") fill();
      else if (state === "starting") starting!.then(fill, () => {});
      else throw notRunning("inject()");
      return target;
    },
    health: () => operations.health(),
    offline: (match, level) => operations.offline(match, level),
    online: (match, level) => operations.online(match, level),
    invokeService: (serviceKey, method, args) => operations.invokeService(serviceKey, method, args),
    closeOnSignals(signals = DEFAULT_SIGNALS, then) {
      if (state === "closing" || state === "closed") throw notRunning("closeOnSignals()");
      customSignals = true;
      release();
      releaseSignals = closeOnSignal(
        { close: () => app.close(), logger: () => logger, then },
        signals,
      );
    },
  };
  return app;
}
