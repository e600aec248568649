import { type Logger, silentLogger } from "@dubbo-ts/core/spi";
import type protobuf from "protobufjs";
import { describeService } from "./idl.js";
import { type IdlImplementation, idlHandlers } from "./idl-handler.js";
import { resolveLimits, serverTls, type TlsOptions, type TripleLimits } from "./options.js";
import { RouteTable } from "./route-table.js";
import { startTripleServer, type TripleServer } from "./server.js";

export interface TripleServerInit extends Partial<TripleLimits> {
  /** Address to listen on (127.0.0.1). */
  readonly host?: string | undefined;
  /** Port (50051, Triple's default); 0 picks a free one. */
  readonly port?: number | undefined;
  /** gzip responses to clients that accept it (off). */
  readonly compression?: boolean | undefined;
  /** TLS: serve h2 over TLS with `tls.key` and `tls.cert`. */
  readonly tls?: TlsOptions | undefined;
  readonly logger?: Logger | undefined;
}

/** A standalone gRPC/Triple server for `.proto` services (without a Dubbo application). */
export interface IdlServer {
  /**
   * Serves `service` (protobufjs, from `loadProto`) with `impl`; `group`/`version` are matched
   * against `tri-service-group`/`tri-service-version`. Returns a function that removes it.
   */
  addService(
    service: protobuf.Service,
    impl: IdlImplementation,
    options?: { group?: string; version?: string },
  ): () => void;
  /** Listens; resolves with the port. */
  start(): Promise<number>;
  /** GOAWAY, lets in-flight calls finish for up to `deadlineMs` (10 000), then closes. */
  close(deadlineMs?: number): Promise<void>;
}

/** Creates the server; nothing listens before `start()`. */
export function createIdlServer(init: TripleServerInit = {}): IdlServer {
  const limits = resolveLimits(init);
  const routes = new RouteTable();
  let server: TripleServer | undefined;
  return {
    addService(service, impl, options = {}) {
      const described = describeService(service);
      return routes.add(
        described.name,
        options.group,
        options.version,
        idlHandlers(described, impl),
      );
    },
    async start() {
      server ??= await startTripleServer({
        ...limits,
        host: init.host ?? "127.0.0.1",
        port: init.port ?? 50051,
        router: routes.route,
        compression: init.compression ?? false,
        tls: serverTls(init.tls),
        logger: init.logger ?? silentLogger,
      });
      return server.port;
    },
    async close(deadlineMs = 10_000) {
      await server?.close(deadlineMs);
      server = undefined;
    },
  };
}
