import type { NotifyListener, Registry } from "@dubbo-ts/core/spi";
import { Counter, type Registry as PromRegistry } from "prom-client";

/** Counts of Java's registry metrics (MetricsKey REGISTER_*, SUBSCRIBE_*, NOTIFY_*). */
interface RegistryCounts {
  register: number;
  registerSucceed: number;
  registerFailed: number;
  subscribe: number;
  subscribeSucceed: number;
  subscribeFailed: number;
  notify: number;
}

const METRICS: readonly [string, string, keyof RegistryCounts][] = [
  ["dubbo_registry_register_requests_total", "Total Register Requests", "register"],
  [
    "dubbo_registry_register_requests_succeed_total",
    "Succeed Register Requests",
    "registerSucceed",
  ],
  ["dubbo_registry_register_requests_failed_total", "Failed Register Requests", "registerFailed"],
  ["dubbo_registry_subscribe_num_total", "Total Subscribe Num", "subscribe"],
  ["dubbo_registry_subscribe_num_succeed_total", "Succeed Subscribe Num", "subscribeSucceed"],
  ["dubbo_registry_subscribe_num_failed_total", "Failed Subscribe Num", "subscribeFailed"],
  ["dubbo_registry_notify_requests_total", "Total Notify Requests", "notify"],
];

/**
 * Java Dubbo 3's registry metrics for one application: registrations, subscriptions and
 * notifications, counted by a registry wrapper (`observe`) and exposed with the application's
 * labels when scraped.
 */
export function createRegistryMetrics(
  prom: PromRegistry,
  labels: () => Record<string, string>,
): { observe(registry: Registry): Registry } {
  const counts: RegistryCounts = {
    register: 0,
    registerSucceed: 0,
    registerFailed: 0,
    subscribe: 0,
    subscribeSucceed: 0,
    subscribeFailed: 0,
    notify: 0,
  };
  for (const [name, help, key] of METRICS) {
    new Counter({
      name,
      help,
      labelNames: ["application_name", "hostname", "ip"],
      registers: [prom],
      collect() {
        this.reset();
        this.inc(labels(), counts[key]);
      },
    });
  }
  const counted = async <T>(
    run: () => Promise<T>,
    ok: keyof RegistryCounts,
    failed: keyof RegistryCounts,
  ) => {
    try {
      const result = await run();
      counts[ok]++;
      return result;
    } catch (e) {
      counts[failed]++;
      throw e;
    }
  };
  return {
    observe(registry) {
      // The listener the caller gave → the counting one handed to the registry (for unsubscribe).
      const wrapped = new WeakMap<NotifyListener, NotifyListener>();
      const observed: Registry = {
        start: () => registry.start(),
        register(url) {
          counts.register++;
          return counted(() => registry.register(url), "registerSucceed", "registerFailed");
        },
        unregister: (url) => registry.unregister(url),
        subscribe(url, listener) {
          counts.subscribe++;
          let counting = wrapped.get(listener);
          if (!counting) {
            counting = (urls) => {
              counts.notify++;
              listener(urls);
            };
            wrapped.set(listener, counting);
          }
          const l = counting;
          return counted(() => registry.subscribe(url, l), "subscribeSucceed", "subscribeFailed");
        },
        unsubscribe: (url, listener) =>
          registry.unsubscribe(url, wrapped.get(listener) ?? listener),
        close: () => registry.close(),
      };
      if (registry.isConnected) observed.isConnected = () => registry.isConnected!();
      return observed;
    },
  };
}
