import {
  type Exporter,
  type Invoker,
  type Logger,
  type Protocol,
  type ServiceDefinition,
  type ServiceUrl,
  silentLogger,
} from "@dubbo-ts/core/spi";
import type { DecodeLimits, LongPolicy } from "@dubbo-ts/protocol/codec";
import { idlServiceOf } from "./idl-contract.js";
import { idlExportHandlers } from "./idl-export.js";
import { createIdlInvoker } from "./idl-invoker.js";
import { registerMetadataServiceV2 } from "./metadata-service-v2.js";
import {
  clientTls,
  resolveLimits,
  serverTls,
  type TlsOptions,
  type TripleLimits,
} from "./options.js";
import { RouteTable } from "./route-table.js";
import { startTripleServer, type TripleServer } from "./server.js";
import { SessionHolder } from "./session-holder.js";
import { createTripleInvoker } from "./triple-invoker.js";
import { wrappedHandlers } from "./wrapped-service.js";

/** Triple's default port (TripleProtocol.getDefaultPort). */
export const TRIPLE_DEFAULT_PORT = 50051;

export interface TripleProtocolOptions extends Partial<TripleLimits> {
  /** Address servers bind to; default: the exported URL's host. */
  readonly host?: string | undefined;
  /** gzip responses to clients that accept it (off). */
  readonly compression?: boolean | undefined;
  /** TLS: servers with `key` + `cert`, clients trusting `ca` (see TlsOptions); h2c without. */
  readonly tls?: TlsOptions | undefined;
  /** How Java longs decode in hessian2 values: `"number"` (default) or `"bigint"`. */
  readonly longs?: LongPolicy | undefined;
  /** Bounds on decoded hessian2 values (depth, objects, collection length). */
  readonly decodeLimits?: Partial<DecodeLimits> | undefined;
  /** Default deadline of `close()` for in-flight calls, ms (10 000). */
  readonly shutdownTimeout?: number | undefined;
  readonly logger?: Logger | undefined;
}

interface PortState {
  readonly routes: RouteTable;
  readonly server: Promise<TripleServer>;
  readonly host: string;
  /** Set once listening. */
  started?: TripleServer;
}

interface SharedSession {
  readonly holder: SessionHolder;
  refs: number;
}

/**
 * Triple (`tri://`), Dubbo 3's gRPC-compatible protocol on HTTP/2, as a core Protocol plugin:
 * Java-interface contracts travel in the wrapped "hessian4" form Java 3.3 uses for non-IDL
 * services; `.proto` services made contracts by `idlContract` travel in plain protobuf.
 * `export` starts one h2c server per port on first use and routes `/<interface>/<method>` with
 * `tri-service-group`/`tri-service-version`; `refer` returns an Invoker over the one HTTP/2
 * connection shared by every invoker of that address. `close()`: GOAWAY on every server
 * connection, in-flight calls run until done or the deadline, then everything is closed.
 * Nothing happens at construction.
 */
export function createTripleProtocol(options: TripleProtocolOptions = {}): Protocol {
  const logger = options.logger ?? silentLogger;
  const limits = resolveLimits(options);
  registerMetadataServiceV2();
  const longs = options.longs ?? "number";
  if (longs !== "number" && longs !== "bigint") {
    throw new TypeError(`longs must be "number" or "bigint", got ${JSON.stringify(longs)}`);
  }
  const decode = { longs, limits: options.decodeLimits } as const;
  const ports = new Map<number, PortState>();
  const sessions = new Map<string, SharedSession>();
  let closed = false;

  const serverFor = (url: ServiceUrl): PortState => {
    let state = ports.get(url.port);
    if (!state) {
      const routes = new RouteTable();
      const server = startTripleServer({
        ...limits,
        host: options.host ?? url.host,
        port: url.port,
        router: routes.route,
        compression: options.compression ?? false,
        tls: serverTls(options.tls),
        logger,
      });
      const created: PortState = { routes, server, host: options.host ?? url.host };
      server.then(
        (s) => {
          created.started = s;
        },
        () => undefined,
      );
      state = created;
      ports.set(url.port, state);
      server.catch(() => ports.delete(url.port));
    }
    return state;
  };

  return {
    name: "tri",
    defaultPort: TRIPLE_DEFAULT_PORT,
    // hessian2 is the one serialization served, so Java 3.x consumers must not pick fastjson2
    // (their default preference) for the wrapper. A Java 3.3 tri provider writes no
    // `serialization=`, only `prefer.serialization` (seen on its registry node).
    providerParameters: { "prefer.serialization": "hessian2" },

    async export(
      url: ServiceUrl,
      definition: ServiceDefinition,
      invoker: Invoker,
    ): Promise<Exporter> {
      if (closed) throw new Error("the triple protocol is closed");
      const state = serverFor(url);
      const server = await state.server;
      const path = url.path || definition.interface;
      const version = url.getParameter("version");
      const group = url.getParameter("group");
      const idl = idlServiceOf(definition.interface);
      const v = version === "0.0.0" ? undefined : version;
      const handlers = idl
        ? idlExportHandlers({ service: idl, invoker, path, version, group })
        : wrappedHandlers({ definition, invoker, path, version, group, decode });
      // An IDL service is called at its proto name (`/greet.GreeterService/Greet`, by grpc
      // clients and Java's stubs) and at the registered path (Java consumers use the URL path).
      const names = idl && idl.name !== path ? [idl.name, path] : [path];
      const removals = names.map((name) => state.routes.add(name, group, v, handlers));
      const remove = () => {
        for (const r of removals) r();
      };
      if (url.port === 0) ports.set(server.port, state);
      logger.info({ service: path, port: server.port }, "tri: exported");
      return {
        url: url.port === server.port ? url : url.with({ port: server.port }),
        async unexport() {
          remove();
        },
      };
    },

    servers() {
      return [...new Set(ports.values())].flatMap((s) =>
        s.started
          ? [{ host: s.host, port: s.started.port, connections: s.started.connections() }]
          : [],
      );
    },

    refer(url: ServiceUrl): Invoker {
      if (closed) throw new Error("the triple protocol is closed");
      const key = `${url.host}:${url.port}`;
      let shared = sessions.get(key);
      if (!shared) {
        shared = {
          holder: new SessionHolder({
            host: url.host,
            port: url.port,
            keepAliveTime: limits.keepAliveTime,
            keepAliveTimeout: limits.keepAliveTimeout,
            tls: clientTls(options.tls),
            maxHeaderListSize: limits.maxHeaderListSize,
            logger,
          }),
          refs: 0,
        };
        sessions.set(key, shared);
      }
      const entry = shared;
      entry.refs++;
      const release = () => {
        if (--entry.refs === 0 && sessions.get(key) === entry) {
          sessions.delete(key);
          entry.holder.close();
        }
      };
      const idl = idlServiceOf(url.getParameter("interface") ?? url.path);
      if (idl) {
        return createIdlInvoker({
          url,
          service: idl,
          holder: entry.holder,
          maxMessageSize: limits.maxMessageSize,
          release,
        });
      }
      return createTripleInvoker({
        url,
        holder: entry.holder,
        maxMessageSize: limits.maxMessageSize,
        decode,
        release,
      });
    },

    async close(closeOptions?: { deadlineMs?: number }): Promise<void> {
      if (closed) return;
      closed = true;
      const deadline = closeOptions?.deadlineMs ?? options.shutdownTimeout ?? 10_000;
      const servers = [...new Set(ports.values())].map((s) => s.server);
      ports.clear();
      await Promise.all(
        servers.map((s) =>
          s.then(
            (server) => server.close(deadline),
            () => undefined,
          ),
        ),
      );
      const end = Date.now() + deadline;
      const holders = [...sessions.values()].map((s) => s.holder);
      while (holders.some((h) => h.inFlight > 0) && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 10));
      }
      for (const h of holders) h.close();
      sessions.clear();
    },
  };
}
