import cluster from "node:cluster";
import {
  AggregatorRegistry,
  type MetricObjectWithValues,
  type MetricValue,
  type Registry,
} from "prom-client";

/** The `type`s of the IPC messages between a provider primary and its workers (metrics only). */
const REQUEST = "dubbo-ts:metrics-request";
const RESPONSE = "dubbo-ts:metrics-response";
/** A worker that has not answered within this long is left out of one scrape. */
const WORKER_TIMEOUT_MS = 2000;

type WorkerMetrics = MetricObjectWithValues<MetricValue<string>>[];

let nextRequest = 0;

function isMessage(m: unknown, type: string): m is { type: string; id: number; metrics?: unknown } {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === type;
}

/**
 * In a provider worker (`protocol.workers` > 1): answers the primary's metrics requests with this
 * registry's metrics as JSON (prom-client's `getMetricsAsJSON`). Returns the function that stops.
 */
export function answerMetricsRequests(registry: Registry): () => void {
  const onMessage = (m: unknown) => {
    if (!isMessage(m, REQUEST)) return;
    registry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: RESPONSE, id: m.id, metrics }),
      () => process.send?.({ type: RESPONSE, id: m.id, metrics: [] }),
    );
  };
  process.on("message", onMessage);
  return () => process.off("message", onMessage);
}

/**
 * In a provider primary: the metrics of this process and every connected worker together, as one
 * registry (for `/metrics` and the Pushgateway), merged by prom-client's `AggregatorRegistry.aggregate` — counters summed, gauges by the
 * `aggregator` they were created with (sum unless said otherwise). A worker that does not answer
 * within 2 s is left out of this scrape (its counters come back at the next one).
 */
export async function clusterMetrics(own: Registry): Promise<Registry> {
  const id = nextRequest++;
  const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
  const answers = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<WorkerMetrics | undefined>((resolve) => {
          const done = (value: WorkerMetrics | undefined) => {
            clearTimeout(timer);
            worker!.off("message", onMessage);
            resolve(value);
          };
          const onMessage = (m: unknown) => {
            if (isMessage(m, RESPONSE) && m.id === id) done(m.metrics as WorkerMetrics);
          };
          const timer = setTimeout(() => done(undefined), WORKER_TIMEOUT_MS);
          worker!.on("message", onMessage);
          worker!.send({ type: REQUEST, id });
        }),
    ),
  );
  const all = [await own.getMetricsAsJSON(), ...answers.filter((a) => a !== undefined)];
  return AggregatorRegistry.aggregate(all as never);
}
