import {
  constants,
  createSecureServer,
  createServer,
  type Http2SecureServer,
  type Http2Server,
  type Http2Session,
  type IncomingHttpHeaders,
  type ServerHttp2Stream,
} from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, type Logger, RpcError } from "@dubbo-ts/core/spi";
import { CallAbort, CallContext, peerOf, type ServerCallContext } from "./call-context.js";
import { ACCEPT_ENCODING, compress, isSupportedEncoding } from "./compression.js";
import { drained } from "./drained.js";
import { GrpcStatus, type StatusInfo, toStatusInfo } from "./grpc-status.js";
import { parseGrpcTimeout } from "./grpc-timeout.js";
import { encodeMessage } from "./message-codec.js";
import { readMessages } from "./message-reader.js";
import {
  isEmpty,
  OK,
  OK_HEADERS,
  OK_TRAILERS,
  RESPOND_OPTIONS,
  statusTrailers,
  trailersOnly,
} from "./server-response.js";
import { readUnary } from "./unary-reader.js";

/**
 * Serves one method: reads the request messages, yields the response messages. Every shape
 * (unary, server/client streaming, bidi) is this one at the transport level. A thrown error
 * ends the call with its status (`toStatusInfo`).
 */
export type StreamHandler = ((
  ctx: ServerCallContext,
  requests: AsyncIterable<Buffer>,
) => AsyncIterable<Uint8Array>) & {
  /**
   * Unary methods also offer this: one request in, one response out (the server's fast path).
   * A synchronous answer saves the promise round trips of an async one.
   */
  unary?:
    | ((ctx: ServerCallContext, request: Buffer) => Uint8Array | Promise<Uint8Array>)
    | undefined;
};

/** Finds the handler of `/<service>/<method>`; undefined answers UNIMPLEMENTED. */
export type Router = (
  service: string,
  method: string,
  headers: IncomingHttpHeaders,
) => StreamHandler | undefined;

export interface TripleServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly router: Router;
  readonly maxMessageSize: number;
  readonly maxHeaderListSize: number;
  /** Streams a client may open at once on one connection (SETTINGS_MAX_CONCURRENT_STREAMS). */
  readonly maxConcurrentStreams: number;
  /** Compress responses with gzip when the client accepts it. */
  readonly compression: boolean;
  /** TLS with this key and certificate (h2, ALPN); h2c without. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer } | undefined;
  readonly logger: Logger;
}

export interface TripleServer {
  readonly port: number;
  /** The open connections (`remote -> local` addresses), for QoS `ps`. */
  connections(): { remote: string; local: string }[];
  /**
   * Graceful stop: no new connections; every connection gets GOAWAY (new streams refused,
   * in-flight ones run on); after `deadlineMs` the rest are cancelled and connections destroyed.
   */
  close(deadlineMs: number): Promise<void>;
}

/** `content-type: application/grpc` or `application/grpc+<codec>` (PROTOCOL-HTTP2.md). */
export function isGrpcContentType(value: string | undefined): boolean {
  return (
    value === "application/grpc+proto" ||
    value === "application/grpc" ||
    (value !== undefined && /^application\/grpc(\+[a-z0-9._-]+)?(;|$)/i.test(value))
  );
}

/**
 * Starts an h2c server (HTTP/2 without TLS, prior knowledge; h2 over TLS with `tls`) speaking
 * gRPC framing. Owns the
 * sockets and sessions of one port. Resolves when listening; rejects when the port cannot be
 * bound. Each stream: POST + gRPC content type checked, `grpc-timeout` parsed (bad → INTERNAL),
 * unknown `grpc-encoding` → UNIMPLEMENTED, unknown path → UNIMPLEMENTED, then the handler runs
 * with an AbortSignal that fires on client cancel, deadline or shutdown.
 */
export function startTripleServer(options: TripleServerOptions): Promise<TripleServer> {
  const { logger } = options;
  const sessions = new Set<Http2Session>();
  const calls = new Set<CallAbort>();
  const settings = {
    maxSessionMemory: 64,
    settings: {
      maxConcurrentStreams: options.maxConcurrentStreams,
      maxHeaderListSize: options.maxHeaderListSize,
      enablePush: false,
    },
    maxHeaderListPairs: 256,
  };
  const server: Http2Server | Http2SecureServer = options.tls
    ? createSecureServer({ ...settings, key: options.tls.key, cert: options.tls.cert })
    : createServer(settings);
  // Small frames must leave at once (no Nagle delay waiting for the peer's ACK).
  server.on("connection", (socket: import("node:net").Socket) => socket.setNoDelay(true));
  server.on("secureConnection", (socket: import("node:net").Socket) => socket.setNoDelay(true));
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
    session.on("error", (error) => logger.debug({ err: error }, "triple: session error"));
  });
  const streamFailed = (error: unknown) => logger.warn({ err: error }, "triple: stream failed");
  server.on("stream", (stream, headers) => {
    try {
      handleStream(stream, headers, options, calls, streamFailed);
    } catch (error) {
      streamFailed(error);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      server.on("error", (error) => logger.error({ err: error }, "triple: server error"));
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        connections: () =>
          [...sessions].map((s) => ({
            remote: `${s.socket?.remoteAddress ?? ""}:${s.socket?.remotePort ?? 0}`,
            local: `${s.socket?.localAddress ?? ""}:${s.socket?.localPort ?? 0}`,
          })),
        async close(deadlineMs: number) {
          const closed = new Promise<void>((r) => server.close(() => r()));
          for (const s of sessions) if (!s.closed) s.close();
          const end = Date.now() + deadlineMs;
          while (sessions.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
          for (const c of calls)
            c.abort(new RpcError(Code.Network, "the triple server is stopping"));
          for (const s of sessions) s.destroy();
          await closed;
        },
      });
    });
  });
}

/**
 * Serves one stream. Synchronous up to the handler: a unary call with a synchronous handler runs
 * without a promise of its own; `failed` gets what escapes a streaming call.
 */
function handleStream(
  stream: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
  options: TripleServerOptions,
  calls: Set<CallAbort>,
  failed: (error: unknown) => void,
): void {
  stream.on("error", ignore);
  if (headers[":method"] !== "POST") {
    stream.respond({ ":status": 405, allow: "POST" }, { endStream: true });
    return;
  }
  if (!isGrpcContentType(headers["content-type"])) {
    stream.respond({ ":status": 415 }, { endStream: true });
    return;
  }
  const path = headers[":path"] ?? "";
  const slash = path.lastIndexOf("/");
  const service = path.slice(1, Math.max(1, slash));
  const method = path.slice(slash + 1);
  let timeout: number | undefined;
  try {
    timeout = parseGrpcTimeout(headers["grpc-timeout"] as string | undefined);
  } catch (error) {
    trailersOnly(stream, { status: GrpcStatus.INTERNAL, message: (error as Error).message });
    return;
  }
  const encoding = headers["grpc-encoding"] as string | undefined;
  if (!isSupportedEncoding(encoding)) {
    trailersOnly(
      stream,
      { status: GrpcStatus.UNIMPLEMENTED, message: `grpc-encoding ${encoding} is not supported` },
      { "grpc-accept-encoding": ACCEPT_ENCODING },
    );
    return;
  }
  const handler =
    path.startsWith("/") && slash > 1 ? options.router(service, method, headers) : undefined;
  if (!handler) {
    trailersOnly(stream, {
      status: GrpcStatus.UNIMPLEMENTED,
      message: `method ${method} of service ${service} is not found (path ${path})`,
    });
    return;
  }
  const controller = new CallAbort();
  calls.add(controller);
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  /** The last response message, written with the end of the stream (one write, not two). */
  let last: Uint8Array | undefined;
  const deadline = timeout === undefined ? undefined : Date.now() + timeout;
  const finish = (info: StatusInfo, ctxTrailers: Record<string, string>) => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    calls.delete(controller);
    if (stream.destroyed || stream.closed) return;
    if (!stream.headersSent) {
      trailersOnly(stream, info, { ...ctx.responseHeaders, ...ctxTrailers });
      return;
    }
    const trailers =
      info.status === GrpcStatus.OK && !info.message && isEmpty(ctxTrailers)
        ? OK_TRAILERS
        : { ...ctxTrailers, ...statusTrailers(info) };
    (stream as TrailerStream)[TRAILERS] = trailers;
    stream.on("wantTrailers", sendTrailers);
    stream.end(last);
  };
  const ctx = new CallContext(
    service,
    method,
    headers,
    deadline,
    controller,
    peerOf(stream.session),
  );
  stream.on("close", () => {
    if (!finished) {
      finished = true;
      if (timer) clearTimeout(timer);
      calls.delete(controller);
      controller.abort(new RpcError(Code.Network, "the client cancelled the call (RST_STREAM)"));
    }
  });
  if (timeout !== undefined) {
    timer = setTimeout(() => {
      const info = {
        status: GrpcStatus.DEADLINE_EXCEEDED,
        message: `deadline of ${timeout} ms exceeded`,
      };
      controller.abort(new RpcError(Code.Timeout, info.message));
      finish(info, {});
      if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
    }, timeout);
  }
  const acceptsGzip =
    options.compression && /\bgzip\b/.test(String(headers["grpc-accept-encoding"] ?? ""));
  const respond = () => {
    if (!acceptsGzip && isEmpty(ctx.responseHeaders)) {
      stream.respond(OK_HEADERS, RESPOND_OPTIONS);
      return;
    }
    const h: Record<string, string | number> = { ...OK_HEADERS, ...ctx.responseHeaders };
    if (acceptsGzip) h["grpc-encoding"] = "gzip";
    stream.respond(h, RESPOND_OPTIONS);
  };
  const fail = (error: unknown) => {
    controller.abort(error);
    finish(toStatusInfo(error), ctx.responseTrailers);
  };
  const send = (response: Uint8Array) => {
    if (finished || stream.destroyed) return;
    respond();
    if (acceptsGzip) {
      compress(response).then((gzipped) => {
        last = encodeMessage(gzipped, true);
        finish(OK, ctx.responseTrailers);
      }, fail);
      return;
    }
    last = encodeMessage(response);
    finish(OK, ctx.responseTrailers);
  };
  const unary = handler.unary;
  if (unary) {
    // What a failing failure path throws goes to `failed` (the server's log), never to the
    // stream's event emitter.
    const failSafe = (error: unknown) => {
      try {
        fail(error);
      } catch (again) {
        failed(again);
      }
    };
    readUnary(stream, options.maxMessageSize, encoding, (error, request) => {
      if (error) {
        failSafe(error);
        return;
      }
      if (finished) return;
      try {
        const answer = unary(ctx, request!);
        if (answer instanceof Promise) answer.then(send).catch(failSafe);
        else send(answer);
      } catch (e) {
        failSafe(e);
      }
    });
    return;
  }
  const requests = readMessages(stream, {
    maxMessageSize: options.maxMessageSize,
    encoding: () => encoding,
    onError: (error) => {
      controller.abort(error);
      finish(toStatusInfo(error), {});
    },
  });
  const serve = async () => {
    try {
      for await (const message of handler(ctx, requests)) {
        if (finished) break;
        if (!stream.headersSent) respond();
        const frame = acceptsGzip
          ? encodeMessage(await compress(message), true)
          : encodeMessage(message);
        if (finished || stream.destroyed) break;
        if (!stream.write(frame)) await drained(stream);
      }
      finish(OK, ctx.responseTrailers);
    } catch (error) {
      finish(toStatusInfo(error), ctx.responseTrailers);
    }
  };
  serve().catch(failed);
}

const TRAILERS = Symbol("trailers");
type TrailerStream = ServerHttp2Stream & { [TRAILERS]: Record<string, string> };

/** The `wantTrailers` listener of every stream (emitted once): sends the trailers it was given. */
function sendTrailers(this: TrailerStream): void {
  this.sendTrailers(this[TRAILERS]);
}

/** Stream errors end the call through its `close` event; the error itself needs no handling. */
function ignore(): void {}
