import { createServer, type Server } from "node:http";
import { hostname } from "node:os";
import {
  type Application,
  type ApplicationExtension,
  providerWorkerSlot,
} from "@dubbo-ts/core/spi";
import { Gauge, Pushgateway, type Registry } from "prom-client";
import { answerMetricsRequests, clusterMetrics } from "./cluster-metrics.js";
import {
  createDubboMetrics,
  type DubboMetrics,
  type DubboMetricsOptions,
} from "./dubbo-metrics.js";
import { createRegistryMetrics } from "./registry-metrics.js";

export interface MetricsOptions extends DubboMetricsOptions {
  /**
   * Also serve `GET /metrics` on this port (Java's `dubbo.metrics.prometheus.exporter`); 0 picks
   * a free port. Default: only through the QoS server (`qosExtension({ metrics })`).
   */
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /**
   * Push to a Prometheus Pushgateway (Java's `dubbo.metrics.prometheus.pushgateway.*`): `pushAdd`
   * every `intervalSeconds` (30) under job `job` (`default_dubbo_job`); a failed push is logged.
   */
  readonly pushgateway?:
    | {
        readonly baseUrl: string;
        readonly job?: string | undefined;
        readonly intervalSeconds?: number | undefined;
      }
    | undefined;
}

/** MetricsConstants.PROMETHEUS_DEFAULT_JOB_NAME / PROMETHEUS_DEFAULT_PUSH_INTERVAL. */
const DEFAULT_JOB = "default_dubbo_job";
const DEFAULT_PUSH_INTERVAL_S = 30;

/** The metrics extension: install it in `extensions`, hand it to `qosExtension({ metrics })`. */
export interface MetricsExtension extends ApplicationExtension<Application> {
  readonly metrics: DubboMetrics;
  /** The port of the own `/metrics` server, once started. */
  readonly port: number | undefined;
  /**
   * The Prometheus text `/metrics` serves: this process's metrics, or, in the primary of provider
   * workers (`protocol.workers` > 1), the primary's and every worker's summed (cluster-metrics.ts).
   */
  text(): Promise<string>;
}

/**
 * Prometheus metrics with Java Dubbo 3's names and labels for a dubbo-ts application: counts
 * every provider request and consumer call (see `createDubboMetrics`), labels them with the
 * application name, host name and registered IP, counts registrations, subscriptions and
 * notifications (`dubbo_registry_register_requests_total`, `…_subscribe_num_total`,
 * `…_notify_requests_total`) and reports the providers each registry-backed reference knows
 * (`dubbo_registry_directory_num_valid_total`). Install one per application.
 */
export function metricsExtension(options: MetricsOptions = {}): MetricsExtension {
  const metrics = createDubboMetrics(options);
  let server: Server | undefined;
  let pushTimer: NodeJS.Timeout | undefined;
  let stopAnswering: (() => void) | undefined;
  /** What /metrics and the Pushgateway get: this process's registry, or the workers' sum. */
  let current = async (): Promise<Registry> => metrics.registry;
  const push = options.pushgateway;
  if (push) {
    const interval = push.intervalSeconds ?? DEFAULT_PUSH_INTERVAL_S;
    if (!(interval > 0)) {
      throw new RangeError(
        `pushgateway.intervalSeconds must be a positive number of seconds, got ${JSON.stringify(push.intervalSeconds)}`,
      );
    }
    new URL(push.baseUrl); // a TypeError naming the bad URL, at creation
  }
  return {
    name: "metrics",
    metrics,
    get port() {
      const address = server?.address();
      return typeof address === "object" && address ? address.port : undefined;
    },
    text: async () => (await current()).metrics(),
    async start({ app, config, host, logger }) {
      metrics.setApplication({ name: config.name, ip: host });
      // Provider workers: each worker counts its own calls and answers the primary, which alone
      // serves /metrics, QoS and the Pushgateway with the sum (workers cannot share one port).
      const worker = providerWorkerSlot() !== undefined;
      if (worker) stopAnswering = answerMetricsRequests(metrics.registry);
      else if (config.protocol.workers > 1) current = () => clusterMetrics(metrics.registry);
      // Java's DIRECTORY_METRIC_NUM_VALID: providers each registry-backed reference can call now.
      new Gauge({
        name: "dubbo_registry_directory_num_valid_total",
        help: "Valid Directory Urls",
        labelNames: ["application_name", "interface"],
        registers: [metrics.registry],
        aggregator: "max", // every worker's reference knows the same providers
        collect() {
          this.reset();
          for (const r of app.health().references) {
            if (!r.direct)
              this.set({ application_name: config.name, interface: r.serviceKey }, r.providers);
          }
        },
      });
      if (options.port !== undefined && !worker) {
        const s = createServer((req, res) => {
          if (req.method === "GET" && req.url?.split("?")[0] === "/metrics") {
            current()
              .then((r) => r.metrics())
              .then(
                (text) =>
                  res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
                (e: unknown) => res.writeHead(500).end(String(e)),
              );
          } else res.writeHead(404).end();
        });
        await new Promise<void>((resolve) => {
          s.once("error", (e) => {
            logger.warn(
              { err: e, port: options.port },
              "metrics: cannot listen; /metrics is served only through QoS",
            );
            resolve();
          });
          s.listen(options.port, options.host, () => {
            server = s;
            resolve();
          });
        });
      }
      if (push && !worker) {
        const job = push.job ?? DEFAULT_JOB;
        pushTimer = setInterval(
          () => {
            current()
              .then((registry) =>
                new Pushgateway(push.baseUrl, {}, registry).pushAdd({ jobName: job }),
              )
              .catch((e: unknown) =>
                logger.warn(
                  { err: e, url: push.baseUrl },
                  "metrics: push to the Pushgateway failed",
                ),
              );
          },
          (push.intervalSeconds ?? DEFAULT_PUSH_INTERVAL_S) * 1000,
        );
        pushTimer.unref();
      }
      const registryMetrics = createRegistryMetrics(metrics.registry, () => ({
        application_name: config.name,
        hostname: hostname(),
        ip: host,
      }));
      return {
        provider: [metrics.providerFilter],
        consumer: [metrics.consumerFilter],
        registry: (registry) => registryMetrics.observe(registry),
      };
    },
    async close() {
      stopAnswering?.();
      if (pushTimer) clearInterval(pushTimer);
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections();
    },
  };
}
