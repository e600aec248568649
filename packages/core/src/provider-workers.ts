import cluster, { type Worker } from "node:cluster";
import { createHash, randomUUID } from "node:crypto";
import type { ResolvedConfig } from "./config/config.js";
import type { ServiceDiscovery } from "./discovery/service-discovery.js";
import type { Logger } from "./logger.js";
import type { Exporter, Protocol } from "./protocol.js";
import type { ProtocolSet } from "./protocol-set.js";
import type { Registry } from "./registry.js";
import type { ServiceUrl } from "./service-url.js";

/**
 * Provider worker processes (`protocol.workers`): one Node process serves on one core, a Java
 * provider on all of them. With `workers: N > 1` the process that runs `app.start()` becomes the
 * primary (`node:cluster`): it forks N workers, which run the same script, export and listen on the
 * same ports (cluster shares the listening socket and hands connections out round-robin), and
 * never register. The primary exports nothing itself: it waits until every worker is serving,
 * then registers the provider URLs exactly as one process would (one node per host:port, its own
 * pid), runs QoS, restarts crashed workers without unregistering and, on close, unregisters first
 * and then closes every worker gracefully (the protocol's own close: "R", drain, deadline).
 *
 * Per worker: `executes`, `actives`, the overload limits and call metrics count in each worker;
 * QoS runs in the primary only (its `ls`/`offline`/`online` act on the registration).
 */

/** Set by the primary in each worker's environment: the worker's slot, 0…N-1. */
const SLOT_ENV = "DUBBO_TS_WORKER_SLOT";
/** Set by the primary in each worker's environment: the seed of the random tokens. */
const SEED_ENV = "DUBBO_TS_WORKER_SEED";
/** The `type` of every IPC message between primary and workers. */
const MESSAGE = "dubbo-ts:workers";
/** A worker slot that crashes this many times in a row is not restarted again. */
const MAX_RESTARTS = 5;
/** A worker that served this long before crashing resets its slot's crash count. */
const STABLE_MS = 30_000;

type Message =
  | { type: typeof MESSAGE; kind: "ports"; ports: Record<string, number> }
  | { type: typeof MESSAGE; kind: "failed"; error: string }
  | { type: typeof MESSAGE; kind: "close"; timeoutMs: number };

function isMessage(m: unknown): m is Message {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === MESSAGE;
}

/** The slot of this process when it is a provider worker (0…N-1), else undefined. */
export function providerWorkerSlot(): number | undefined {
  const slot = process.env[SLOT_ENV];
  return cluster.isWorker && slot !== undefined ? Number(slot) : undefined;
}

let seed = process.env[SEED_ENV];
let claimed = false;

/**
 * A `token: true` service's token: random per process, or (in a primary and its workers) derived
 * from one random seed so that the token the primary registers is the one the workers check.
 */
export function serviceToken(key: string): string {
  if (seed === undefined) return randomUUID();
  const h = createHash("sha256").update(`${seed}\n${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The role of an application that exports services: one process, a primary, or a worker. */
export type ProviderRole = "single" | "primary" | "worker";

/**
 * Decides the role of a provider application; one application per process may use workers.
 * Throws an Error when a second one tries, or when this primary is itself a cluster worker.
 */
export function claimProviderRole(config: ResolvedConfig): ProviderRole {
  const worker = providerWorkerSlot() !== undefined;
  if (!worker && config.protocol.workers <= 1) return "single";
  if (claimed) {
    throw new Error(
      `protocol.workers (${config.protocol.workers}): another application of this process already runs provider workers; give workers to one application only`,
    );
  }
  if (!worker && !cluster.isPrimary) {
    throw new Error(
      "protocol.workers: this process is already a node:cluster worker and cannot fork provider workers; set protocol.workers to 1 (DUBBO_PROTOCOL_WORKERS=1) here",
    );
  }
  claimed = true;
  if (!worker) seed ??= randomUUID();
  return worker ? "worker" : "primary";
}

/** Each protocol's port among `exported` (what a worker reports to its primary). */
export function exportedPorts(exported: readonly { url: ServiceUrl }[]): Record<string, number> {
  const ports: Record<string, number> = {};
  for (const e of exported) ports[e.url.protocol] ??= e.url.port;
  return ports;
}

/** The worker side: what differs from one process, and the channel to the primary. */
export interface WorkerSide {
  /** QoS off (the primary runs it; N workers cannot share its port). */
  config(config: ResolvedConfig): ResolvedConfig;
  /** The registry without provider registrations (the primary registers); consumers unchanged. */
  registry(registry: Registry): Registry;
  /** Tells the primary which ports this worker serves (after start, after a delayed export). */
  report(ports: Record<string, number>): void;
  /** Tells the primary why this worker's start failed (it then exits). */
  failed(error: unknown): void;
}

/**
 * Serves as a worker of `app`: SIGINT/SIGTERM are left to the primary (a terminal's Ctrl-C reaches
 * every process of the group; the primary unregisters, then closes the workers), the primary's
 * close message closes `app` gracefully within its deadline, and a vanished primary closes it too.
 * The process exits once `app` is closed.
 */
export function serveAsWorker(app: {
  close(options?: { timeoutMs?: number }): Promise<void>;
  logger: () => Logger;
}): WorkerSide {
  const ignore = (signal: NodeJS.Signals) =>
    app.logger().info({ signal }, `${signal} ignored by a provider worker: the primary closes it`);
  process.on("SIGINT", ignore);
  process.on("SIGTERM", ignore);
  const exit = (timeoutMs?: number) =>
    void app
      .close(timeoutMs === undefined ? undefined : { timeoutMs })
      .finally(() => process.exit(0));
  process.on("message", (m: unknown) => {
    if (isMessage(m) && m.kind === "close") exit(m.timeoutMs);
  });
  process.once("disconnect", () => exit());
  const send = (m: Message) => {
    if (process.connected) process.send?.(m);
  };
  return {
    config: (config) => ({ ...config, application: { ...config.application, qosEnable: false } }),
    registry: (registry) => workerRegistry(registry),
    report: (ports) => send({ type: MESSAGE, kind: "ports", ports }),
    failed: (error) =>
      send({ type: MESSAGE, kind: "failed", error: (error as Error)?.message ?? String(error) }),
  };
}

const isProviderUrl = (url: ServiceUrl) => url.protocol !== "consumer";

function workerRegistry(r: Registry): Registry {
  const sd = r.serviceDiscovery;
  const discovery: ServiceDiscovery | undefined = sd && {
    registerInstance: async () => {},
    unregisterInstance: async () => {},
    map: async () => {},
    publishMetadata: async () => {},
    publishServiceDefinition: async () => {},
    watchMapping: (i, l) => sd.watchMapping(i, l),
    watchInstances: (a, l) => sd.watchInstances(a, l),
    getMetadata: (a, rev) => sd.getMetadata(a, rev),
    watchMigrationRule: (a, l) => sd.watchMigrationRule(a, l),
  };
  return {
    start: () => r.start(),
    register: (url) => (isProviderUrl(url) ? Promise.resolve() : r.register(url)),
    unregister: (url) => (isProviderUrl(url) ? Promise.resolve() : r.unregister(url)),
    subscribe: (url, listener) => r.subscribe(url, listener),
    unsubscribe: (url, listener) => r.unsubscribe(url, listener),
    close: () => r.close(),
    isConnected: () => r.isConnected?.() ?? true,
    ...(r.status ? { status: () => r.status!() } : {}),
    isRegistered: (url) => isProviderUrl(url) || (r.isRegistered?.(url) ?? true),
    serviceDiscovery: discovery,
  };
}

/** The primary's side: forks and supervises the workers. */
export interface WorkerPool {
  /**
   * `real` as the primary uses it: `export` forks the workers (first call), waits until every one
   * serves, and returns the URL with the port they listen on; `refer` is unchanged; `close`
   * closes every worker gracefully, then `real`.
   */
  protocol(real: Protocol): Protocol;
}

interface Slot {
  readonly index: number;
  worker?: Worker | undefined;
  forkedAt: number;
  ready: boolean;
  failures: number;
  lastError?: string | undefined;
  timer?: NodeJS.Timeout | undefined;
}

/**
 * Creates the pool of a primary (nothing is forked before the first export). A worker that crashes
 * is forked again after 100 ms, doubling per crash in a row up to MAX_RESTARTS (then its slot stays
 * empty, logged as an error); when every slot is empty, `giveUp` is called (the application closes).
 */
export function createWorkerPool(options: {
  count: number;
  bind: string;
  logger: Logger;
  giveUp: (error: Error) => void;
}): WorkerPool {
  const { count, logger } = options;
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({
    index,
    forkedAt: 0,
    ready: false,
    failures: 0,
  }));
  const ports = new Map<string, number>();
  const portWaiters = new Set<() => void>();
  let started: Promise<void> | undefined;
  let closing = false;
  let startFailed: ((e: Error) => void) | undefined;
  let allReady: (() => void) | undefined;

  const fork = (slot: Slot) => {
    const worker = cluster.fork({ [SLOT_ENV]: String(slot.index), [SEED_ENV]: seed });
    slot.worker = worker;
    slot.forkedAt = Date.now();
    slot.ready = false;
    worker.on("message", (m: unknown) => {
      if (!isMessage(m)) return;
      if (m.kind === "failed") slot.lastError = m.error;
      if (m.kind !== "ports") return;
      for (const [name, port] of Object.entries(m.ports))
        if (!ports.has(name)) ports.set(name, port);
      for (const wake of [...portWaiters]) wake();
      if (!slot.ready) {
        slot.ready = true;
        logger.info(
          { worker: slot.index, workerPid: worker.process.pid },
          "provider worker serving",
        );
        if (slots.every((s) => s.ready)) allReady?.();
      }
    });
    worker.once("exit", (code, signal) => exited(slot, worker, code, signal));
  };

  const exited = (slot: Slot, worker: Worker, code: number | null, signal: string | null) => {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    if (closing) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const pid = worker.process.pid;
    if (!started || startFailed) {
      startFailed?.(
        new Error(
          `provider worker ${slot.index} (pid ${pid}) exited with ${how} before it served${slot.lastError ? `: ${slot.lastError}` : "; its error is in its output above"}`,
        ),
      );
      return;
    }
    const stable = slot.ready && Date.now() - slot.forkedAt >= STABLE_MS;
    slot.failures = stable ? 1 : slot.failures + 1;
    if (slot.failures > MAX_RESTARTS) {
      logger.error(
        { worker: slot.index, workerPid: pid, crashes: slot.failures },
        `provider worker ${slot.index} crashed ${slot.failures} times in a row (last: ${how}${slot.lastError ? `, ${slot.lastError}` : ""}); it is not restarted again — fix the cause and restart the application`,
      );
      if (slots.every((s) => !s.worker && !s.timer)) {
        options.giveUp(new Error("every provider worker is in a crash loop: closing the provider"));
      }
      return;
    }
    const delay = Math.min(100 * 2 ** (slot.failures - 1), 10_000);
    logger.error(
      { worker: slot.index, workerPid: pid, exit: how, restartInMs: delay },
      `provider worker ${slot.index} (pid ${pid}) exited with ${how}; restarting it in ${delay} ms (the registration stays)`,
    );
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (!closing) fork(slot);
    }, delay);
  };

  const start = () => {
    started ??= new Promise<void>((resolve, reject) => {
      allReady = () => {
        startFailed = undefined;
        resolve();
      };
      startFailed = (e) => {
        startFailed = undefined;
        reject(e);
      };
      logger.info({ workers: count }, `starting ${count} provider workers`);
      for (const slot of slots) fork(slot);
    });
    return started;
  };

  const port = async (name: string): Promise<number> => {
    await start();
    while (!ports.has(name)) {
      await new Promise<void>((wake) => {
        const once = () => {
          portWaiters.delete(once);
          wake();
        };
        portWaiters.add(once);
      });
    }
    return ports.get(name)!;
  };

  const closeWorkers = async (deadlineMs: number) => {
    closing = true;
    claimed = false;
    const live = slots.flatMap((s) => {
      clearTimeout(s.timer);
      s.timer = undefined;
      return s.worker ? [s.worker] : [];
    });
    await Promise.all(
      live.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const kill = setTimeout(() => worker.process.kill("SIGKILL"), deadlineMs + 2000);
            worker.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            if (worker.isConnected())
              worker.send({ type: MESSAGE, kind: "close", timeoutMs: deadlineMs });
            else worker.process.kill("SIGKILL");
          }),
      ),
    );
  };

  const wrap = (real: Protocol): Protocol => ({
    name: real.name,
    ...(real.defaultPort !== undefined ? { defaultPort: real.defaultPort } : {}),
    ...(real.providerParameters ? { providerParameters: real.providerParameters } : {}),
    async export(url): Promise<Exporter> {
      const bound = await port(url.protocol);
      return {
        url: url.port === bound ? url : url.with({ port: bound }),
        unexport: async () => {},
      };
    },
    refer: (url, definition) => real.refer(url, definition),
    servers: () =>
      [...ports.values()].map((p) => ({ host: options.bind, port: p, connections: [] })),
    close: (o) => real.close(o),
  });

  return {
    protocol(real) {
      const set = (real as Partial<ProtocolSet>).protocols;
      const top = wrap(real);
      const protocols = set && new Map([...set].map(([name, p]) => [name, wrap(p)] as const));
      return {
        ...top,
        ...(protocols ? { protocols } : {}),
        async close(o) {
          await closeWorkers(o?.deadlineMs ?? 10_000);
          await real.close(o);
        },
      } as Protocol;
    },
  };
}
