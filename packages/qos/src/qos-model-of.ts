import {
  type Application,
  DUBBO_RELEASE,
  type Filter,
  serviceKey as keyOf,
  RpcStatus,
} from "@dubbo-ts/core/spi";
import type { QosCount, QosLogger, QosModel } from "./qos-model.js";

function registryName(app: Application): string | undefined {
  const address = app.config?.registry?.address;
  if (!address) return undefined;
  const scheme = address.indexOf("://");
  return scheme > 0 ? address.slice(0, scheme) : "zookeeper";
}

/**
 * Per-method provider statistics for `count` (Java's CountTelnet reads the RpcStatus the
 * provider's filters keep): a filter that counts, and the table it feeds.
 */
export function createCallCounter(): {
  readonly filter: Filter;
  rows(serviceKey: string, methods: readonly string[]): QosCount[];
} {
  const byService = new Map<string, Map<string, RpcStatus>>();
  const statusOf = (service: string, method: string) => {
    let methods = byService.get(service);
    if (!methods) {
      methods = new Map();
      byService.set(service, methods);
    }
    let status = methods.get(method);
    if (!status) {
      status = new RpcStatus();
      methods.set(method, status);
    }
    return status;
  };
  return {
    filter: (next) => (inv) => {
      const status = statusOf(keyOf(inv.serviceName, inv.version, inv.group), inv.methodName);
      status.begin();
      const start = performance.now();
      return next(inv).then(
        (result) => {
          status.end(performance.now() - start, !result.exception);
          return result;
        },
        (e: unknown) => {
          status.end(performance.now() - start, false);
          throw e;
        },
      );
    },
    rows(serviceKey, methods) {
      return methods.map((method) => {
        const s = byService.get(serviceKey)?.get(method) ?? new RpcStatus();
        return {
          method,
          total: s.total,
          failed: s.failed,
          active: s.active,
          averageMs: s.succeeded === 0 ? 0 : s.succeededElapsed / s.succeeded,
          maxMs: s.maxElapsed,
        };
      });
    },
  };
}

/**
 * The QoS view of a running application: its services and references from `app.health()`,
 * `online`/`offline`/`invoke` through the application, ports from the protocol, and Prometheus
 * text from `metrics` when given.
 */
export function qosModelOf(
  app: Application,
  options: {
    readonly counter: ReturnType<typeof createCallCounter>;
    readonly metrics?: (() => Promise<string>) | undefined;
    readonly logger?: QosLogger | undefined;
  },
): QosModel {
  const providers = () => {
    const registry = registryName(app);
    return app.health().services.map((s) => ({
      serviceKey: s.serviceKey,
      interface: s.interface,
      registry: s.registrable ? registry : undefined,
      registered: s.registered,
      methods: s.methods,
    }));
  };
  return {
    version: DUBBO_RELEASE,
    providers,
    consumers: () => {
      const registry = registryName(app);
      return app.health().references.map((r) => ({
        serviceKey: r.serviceKey,
        registry: r.direct ? undefined : registry,
        providers: r.providers,
      }));
    },
    servers: () =>
      (app.protocol?.servers?.() ?? []).map((s) => ({
        protocol: app.protocol!.name,
        host: s.host,
        port: s.port,
        connections: s.connections,
      })),
    probes: () => {
      const h = app.health();
      return { startup: h.started, ready: h.ready, live: h.live };
    },
    online: async (matches, level) => {
      const keys = providers()
        .filter(matches)
        .map((p) => p.serviceKey);
      if (keys.length === 0) return false;
      await app.online((s) => keys.includes(s.serviceKey), level);
      return true;
    },
    offline: async (matches, level) => {
      const keys = providers()
        .filter(matches)
        .map((p) => p.serviceKey);
      if (keys.length === 0) return false;
      await app.offline((s) => keys.includes(s.serviceKey), level);
      return true;
    },
    invoke: (serviceKey, method, args) => app.invokeService(serviceKey, method, args),
    count: (serviceKey) => {
      const service = app.health().services.find((s) => s.serviceKey === serviceKey);
      return service ? options.counter.rows(serviceKey, service.methods) : [];
    },
    shutdown: () => app.close(),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    logger: options.logger,
  };
}
