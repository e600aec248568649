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
import { ACCEPT_ENCODING, compress, isSupportedEncoding } from "./compression.js";
import { encodeGrpcMessage, GrpcStatus, type StatusInfo, toStatusInfo } from "./grpc-status.js";
import { parseGrpcTimeout } from "./grpc-timeout.js";
import { encodeMessage } from "./message-codec.js";
import { readMessages } from "./message-reader.js";
import { readUnary } from "./unary-reader.js";

/** What a handler knows about its call and can add to the response. */
export interface ServerCallContext {
  /** `package.Service` or the Java interface name. */
  readonly service: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** Aborted when the client cancels (RST_STREAM), the deadline passes or the server stops. */
  readonly signal: AbortSignal;
  /** Epoch ms from `grpc-timeout`, if the client sent one. */
  readonly deadline: number | undefined;
  readonly remoteAddress: string;
  readonly localAddress: string;
  /** Headers to send before the first message (or in a trailers-only response). */
  readonly responseHeaders: Record<string, string>;
  /** Extra trailers to send with `grpc-status`. */
  readonly responseTrailers: Record<string, string>;
}

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
 * One call's cancellation. Most calls never look at their signal, so the AbortController (the
 * costliest object of a call on node:http2) is made only when `signal` is first read; an abort
 * before that hands out an already aborted signal.
 */
class CallAbort {
  private controller: AbortController | undefined;
  private reason: unknown;
  aborted = false;

  get signal(): AbortSignal {
    if (this.controller) return this.controller.signal;
    if (this.aborted) return AbortSignal.abort(this.reason);
    this.controller = new AbortController();
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}

/** The context of one call; addresses are read from the session once (its socket is a Proxy). */
class CallContext implements ServerCallContext {
  readonly responseHeaders: Record<string, string> = {};
  readonly responseTrailers: Record<string, string> = {};

  constructor(
    readonly service: string,
    readonly method: string,
    readonly headers: IncomingHttpHeaders,
    readonly deadline: number | undefined,
    private readonly call: CallAbort,
    private readonly peer: Peer,
  ) {}

  get signal(): AbortSignal {
    return this.call.signal;
  }
  get remoteAddress(): string {
    return this.peer.remote;
  }
  get localAddress(): string {
    return this.peer.local;
  }
}

interface Peer {
  readonly remote: string;
  readonly local: string;
}

const peers = new WeakMap<Http2Session, Peer>();
const NO_PEER: Peer = { remote: ":0", local: ":0" };

function peerOf(session: Http2Session | undefined): Peer {
  if (!session) return NO_PEER;
  let peer = peers.get(session);
  if (!peer) {
    const socket = session.socket;
    peer = {
      remote: `${socket?.remoteAddress ?? ""}:${socket?.remotePort ?? 0}`,
      local: `${socket?.localAddress ?? ""}:${socket?.localPort ?? 0}`,
    };
    peers.set(session, peer);
  }
  return peer;
}

/** `:status` 200 and the gRPC content type, shared by every plain response (node copies it). */
const OK_HEADERS = {
  ":status": 200,
  "content-type": "application/grpc",
  "grpc-accept-encoding": ACCEPT_ENCODING,
};
const OK_TRAILERS = { "grpc-status": "0" };
/** gRPC needs no `date` header; leaving it out saves its formatting and HPACK work per call. */
const RESPOND_OPTIONS = { waitForTrailers: true, sendDate: false };

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
    handleStream(stream, headers, options, calls).catch(streamFailed);
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

function trailersOnly(
  stream: ServerHttp2Stream,
  info: StatusInfo,
  extra: Record<string, string> = {},
) {
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) {
    stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  stream.respond(
    {
      ":status": 200,
      "content-type": "application/grpc",
      ...extra,
      ...statusTrailers(info),
    },
    { endStream: true },
  );
}

/** `grpc-status`, `grpc-message` (percent-encoded) and `grpc-status-details-bin` (base64). */
export function statusTrailers(info: StatusInfo): Record<string, string> {
  const t: Record<string, string> = { "grpc-status": String(info.status) };
  if (info.message) t["grpc-message"] = encodeGrpcMessage(info.message);
  if (info.details)
    t["grpc-status-details-bin"] = info.details.toString("base64").replace(/=+$/, "");
  return t;
}

async function handleStream(
  stream: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
  options: TripleServerOptions,
  calls: Set<CallAbort>,
): Promise<void> {
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
    stream.once("wantTrailers", () => stream.sendTrailers(trailers));
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
  const unary = handler.unary;
  if (unary) {
    try {
      const request = await readUnary(stream, options.maxMessageSize, encoding);
      if (finished) return;
      const answer = unary(ctx, request);
      const response = answer instanceof Promise ? await answer : answer;
      if (finished || stream.destroyed) return;
      respond();
      last = acceptsGzip ? encodeMessage(await compress(response), true) : encodeMessage(response);
      finish(OK, ctx.responseTrailers);
    } catch (error) {
      controller.abort(error);
      finish(toStatusInfo(error), ctx.responseTrailers);
    }
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
  try {
    for await (const message of handler(ctx, requests)) {
      if (finished) break;
      if (!stream.headersSent) respond();
      const frame = acceptsGzip
        ? encodeMessage(await compress(message), true)
        : encodeMessage(message);
      if (finished || stream.destroyed) break;
      if (!stream.write(frame)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off("drain", done);
            stream.off("close", done);
            resolve();
          };
          stream.on("drain", done);
          stream.on("close", done);
        });
      }
    }
    finish(OK, ctx.responseTrailers);
  } catch (error) {
    finish(toStatusInfo(error), ctx.responseTrailers);
  }
}

const OK: StatusInfo = { status: GrpcStatus.OK, message: "" };

/** Stream errors end the call through its `close` event; the error itself needs no handling. */
function ignore(): void {}

function isEmpty(record: Record<string, string>): boolean {
  for (const _ in record) return false;
  return true;
}
