import {
  createInFlight,
  type Exporter,
  type Invoker,
  type Logger,
  type Protocol,
  type ServiceDefinition,
  type ServiceUrl,
  silentLogger,
} from "@dubbo-ts/core/spi";
import { Connection } from "./connection.js";
import { createDubboInvoker } from "./dubbo-invoker.js";
import { ExportedServices } from "./exported-services.js";
import { DEFAULT_PAYLOAD } from "./frame-decoder.js";
import type { DecodeLimits, LongPolicy } from "./hessian/decode-options.js";
import { type DubboServer, startServer } from "./server.js";
import { enabledTelnetCommands } from "./telnet.js";

export interface DubboProtocolOptions {
  /** Address servers bind to; default: the exported URL's host. */
  readonly host?: string | undefined;
  /** Body limit in bytes for requests and responses, both directions (Java `payload`, 8 MiB). */
  readonly payload?: number | undefined;
  /** Client heartbeat interval in ms (60 000); servers close connections idle for 3× this. */
  readonly heartbeat?: number | undefined;
  /** How Java longs decode: `"number"` (default; beyond ±(2^53−1) is an error) or `"bigint"` (always). */
  readonly longs?: LongPolicy | undefined;
  /**
   * Bounds on every decoded body, checked as it is read: nesting depth (128), lists, maps,
   * objects and references together (100,000: about 50 ms of one core for the worst body, see
   * DEFAULT_DECODE_LIMITS), elements of one collection (1,000,000). Over a bound a request is
   * answered with status 40 and a response fails its call with `Code.Serialization`.
   */
  readonly decodeLimits?: Partial<DecodeLimits> | undefined;
  /** Client connect timeout in ms (3000). */
  readonly connectTimeout?: number | undefined;
  /** Connections per provider address, shared by every invoker of that address (1). */
  readonly connections?: number | undefined;
  /** First client reconnect delay in ms (200), doubling up to `maxReconnectDelay` (30 000). */
  readonly reconnectDelay?: number | undefined;
  readonly maxReconnectDelay?: number | undefined;
  /** Connections a server accepts at once (Java `accepts`); unlimited by default. */
  readonly maxConnections?: number | undefined;
  /**
   * Telnet commands answered on the service port, comma-separated (Java's `<dubbo:protocol
   * telnet="ls,ps">`); default none: every command gets Java's "disabled for security reasons".
   */
  readonly telnet?: string | undefined;
  /** Default deadline of `close()` for in-flight calls, ms (10 000, Java's shutdown wait). */
  readonly shutdownTimeout?: number | undefined;
  readonly logger?: Logger | undefined;
}

interface PortState {
  readonly services: ExportedServices;
  readonly server: Promise<DubboServer>;
}

interface SharedClient {
  readonly connections: Connection[];
  refs: number;
}

/**
 * The Dubbo 2 protocol (`dubbo://`, TCP + hessian2), byte-compatible with Java Dubbo 2.7 / 3.x.
 * `export` starts one server per port on first use and routes `[group/]path[:version]` to the
 * invoker; `refer` returns an Invoker for one provider over the connection(s) shared by that
 * address (opened lazily, in the background). `close()`: every server sends "R" and waits for
 * in-flight requests up to the deadline, then every socket is closed. Nothing happens at
 * construction.
 */
export function createDubboProtocol(options: DubboProtocolOptions = {}): Protocol {
  const logger = options.logger ?? silentLogger;
  const payload = positive(options.payload, DEFAULT_PAYLOAD, "payload (bytes)");
  const heartbeat = positive(options.heartbeat, 60_000, "heartbeat (ms)");
  const longs = options.longs ?? "number";
  if (longs !== "number" && longs !== "bigint") {
    throw new TypeError(`longs must be "number" or "bigint", got ${JSON.stringify(longs)}`);
  }
  for (const [k, v] of Object.entries(options.decodeLimits ?? {}))
    positive(v, 1, `decodeLimits.${k}`);
  for (const k of [
    "connectTimeout",
    "connections",
    "reconnectDelay",
    "maxReconnectDelay",
    "shutdownTimeout",
    "maxConnections",
  ] as const) {
    positive(options[k], 1, k);
  }
  if (options.telnet !== undefined && typeof options.telnet !== "string") {
    throw new TypeError(
      `telnet must be a comma-separated list of commands like "ls,ps", got ${JSON.stringify(options.telnet)}`,
    );
  }
  const decode = { longs, limits: options.decodeLimits } as const;
  const ports = new Map<number, PortState>();
  // Servers once listening, with the host they listen on (for `servers()`).
  const listening = new Map<DubboServer, string>();
  const clients = new Map<string, SharedClient>();
  /** Consumer calls in flight through every invoker of this protocol (close() waits for them). */
  const clientCalls = createInFlight();
  let closed = false;

  const serverFor = (url: ServiceUrl): PortState => {
    let state = ports.get(url.port);
    if (!state) {
      const services = new ExportedServices();
      const host = options.host ?? url.host;
      const server = startServer(host, url.port, {
        services,
        maxPayload: payload,
        idleTimeout: heartbeat * 3,
        decode,
        logger,
        maxConnections: options.maxConnections,
        telnet: enabledTelnetCommands(options.telnet),
      });
      state = { services, server };
      ports.set(url.port, state);
      server.then(
        (s) => listening.set(s, host),
        () => ports.delete(url.port),
      );
    }
    return state;
  };

  return {
    name: "dubbo",
    // Without these, Java 3.2 consumers pick fastjson2 (id 23), which we refuse (see "Serialization
    // ids" in docs/wire-format.md); hessian2 is the one serialization this protocol speaks.
    providerParameters: { serialization: "hessian2", "prefer.serialization": "hessian2" },

    async export(
      url: ServiceUrl,
      definition: ServiceDefinition,
      invoker: Invoker,
    ): Promise<Exporter> {
      if (closed) throw new Error("the dubbo protocol is closed");
      const state = serverFor(url);
      const server = await state.server;
      const exported = state.services.add(url, definition, invoker);
      if (url.port === 0) ports.set(server.port, state);
      logger.info({ service: exported.key, port: server.port }, "dubbo: exported");
      return {
        url: url.port === server.port ? url : url.with({ port: server.port }),
        async unexport() {
          state.services.remove(exported);
        },
      };
    },

    servers() {
      return [...listening].map(([server, host]) => ({
        host,
        port: server.port,
        connections: server.connections(),
      }));
    },

    refer(url: ServiceUrl): Invoker {
      if (closed) throw new Error("the dubbo protocol is closed");
      const count = Math.max(
        1,
        Math.floor(url.getNumber("connections", 0) || (options.connections ?? 1)),
      );
      const key = `${url.host}:${url.port}#${count}`;
      let shared = clients.get(key);
      if (!shared) {
        const connections = Array.from(
          { length: count },
          () =>
            new Connection({
              host: url.host,
              port: url.port,
              logger,
              maxPayload: payload,
              heartbeat: url.getNumber("heartbeat", heartbeat),
              connectTimeout: url.getNumber("connect.timeout", options.connectTimeout ?? 3000),
              reconnectDelay: options.reconnectDelay ?? 200,
              maxReconnectDelay: options.maxReconnectDelay ?? 30_000,
            }),
        );
        shared = { connections, refs: 0 };
        clients.set(key, shared);
        // Open in the background, as Java connects at refer time (lazy=false); failures only log.
        for (const c of connections) c.connect().catch(() => undefined);
      }
      const entry = shared;
      entry.refs++;
      return createDubboInvoker({
        url,
        connections: entry.connections,
        maxPayload: payload,
        decode,
        calls: clientCalls,
        release: () => {
          if (--entry.refs === 0 && clients.get(key) === entry) {
            clients.delete(key);
            for (const c of entry.connections) c.close();
          }
        },
      });
    },

    async close(closeOptions?: { deadlineMs?: number }): Promise<void> {
      if (closed) return;
      closed = true;
      const deadline = closeOptions?.deadlineMs ?? options.shutdownTimeout ?? 10_000;
      const servers = [...new Set(ports.values())].map((s) => s.server);
      ports.clear();
      listening.clear();
      await Promise.all(
        servers.map((s) =>
          s.then(
            (server) => server.close(deadline),
            () => undefined,
          ),
        ),
      );
      await clientCalls.whenIdle(deadline);
      for (const shared of clients.values()) for (const c of shared.connections) c.close();
      clients.clear();
    },
  };
}

/** A positive finite number option, or its default; anything else is a start-up RangeError. */
function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}
