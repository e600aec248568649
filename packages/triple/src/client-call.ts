import { constants, type IncomingHttpHeaders } from "node:http2";
import { Code, RpcError } from "@dubbo-ts/core/spi";
import { ACCEPT_ENCODING, compress } from "./compression.js";
import { drained } from "./drained.js";
import { decodeGrpcMessage, GrpcStatus, type StatusInfo, statusError } from "./grpc-status.js";
import { formatGrpcTimeout } from "./grpc-timeout.js";
import { encodeMessage } from "./message-codec.js";
import { readMessages } from "./message-reader.js";
import { isGrpcContentType } from "./server.js";
import type { SessionHolder } from "./session-holder.js";

export interface CallRequest {
  /** `/<service>/<method>`. */
  readonly path: string;
  /** Extra request headers (metadata): lowercase names, `-bin` values base64. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Deadline in ms from now: sent as `grpc-timeout` and enforced here (Code.Timeout). */
  readonly timeout?: number | undefined;
  /** Aborting cancels the call (RST_STREAM CANCEL); the call rejects with the abort reason. */
  readonly signal?: AbortSignal | undefined;
  readonly maxMessageSize: number;
  /** Send request messages gzip-compressed. */
  readonly compression?: boolean | undefined;
}

/** A call in flight. */
export interface ClientCall {
  /**
   * The response messages. Iteration throws the call's `RpcError` after the messages that came
   * before it (non-OK `grpc-status`: `grpcStatusOf(error)` gives status, message, details,
   * trailers); breaking out of the loop cancels the call.
   */
  readonly responses: AsyncIterable<Buffer>;
  /** Response headers, or the trailers of a trailers-only response. */
  readonly headers: Promise<IncomingHttpHeaders>;
  /** The final status with the trailers; resolves (never rejects) when the call ends. */
  readonly status: Promise<StatusInfo>;
  cancel(reason?: unknown): void;
}

/** HTTP status → gRPC status when a response is not 200 (grpc/doc/http-grpc-status-mapping.md). */
export function fromHttpStatus(status: number): GrpcStatus {
  switch (status) {
    case 400:
      return GrpcStatus.INTERNAL;
    case 401:
      return GrpcStatus.UNAUTHENTICATED;
    case 403:
      return GrpcStatus.PERMISSION_DENIED;
    case 404:
      return GrpcStatus.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return GrpcStatus.UNAVAILABLE;
    default:
      return GrpcStatus.UNKNOWN;
  }
}

/** RST_STREAM code → gRPC status (PROTOCOL-HTTP2.md "Errors"). */
export function fromResetCode(code: number): GrpcStatus {
  switch (code) {
    case constants.NGHTTP2_CANCEL:
      return GrpcStatus.CANCELLED;
    case constants.NGHTTP2_REFUSED_STREAM:
      return GrpcStatus.UNAVAILABLE;
    case constants.NGHTTP2_ENHANCE_YOUR_CALM:
      return GrpcStatus.RESOURCE_EXHAUSTED;
    case constants.NGHTTP2_INADEQUATE_SECURITY:
      return GrpcStatus.PERMISSION_DENIED;
    default:
      return GrpcStatus.INTERNAL;
  }
}

/** The status a response's trailers (or trailers-only headers) carry, if any. */
export function statusFrom(headers: IncomingHttpHeaders): StatusInfo | undefined {
  const raw = headers["grpc-status"];
  if (raw === undefined) return undefined;
  const status = Number(raw);
  const details = headers["grpc-status-details-bin"];
  return {
    status: Number.isInteger(status) && status >= 0 ? status : GrpcStatus.UNKNOWN,
    message: decodeGrpcMessage(String(headers["grpc-message"] ?? "")),
    details: typeof details === "string" ? Buffer.from(details, "base64") : undefined,
    trailers: headers,
  };
}

interface CachedHeaders {
  readonly extra: Readonly<Record<string, string>> | undefined;
  readonly headers: Record<string, string>;
}

/** Per connection and path, the headers of the last call without per-call parts (node copies them). */
const headerCache = new WeakMap<SessionHolder, Map<string, CachedHeaders>>();

/**
 * The request headers of a call: pseudo-headers, gRPC's, then the caller's metadata. A call with
 * the same metadata object as the previous call to its path reuses that call's headers (node:http2
 * copies headers before sending them); a deadline or compression adds to a copy.
 */
export function requestHeaders(
  holder: SessionHolder,
  request: CallRequest,
): Record<string, string> {
  let byPath = headerCache.get(holder);
  if (!byPath) {
    byPath = new Map();
    headerCache.set(holder, byPath);
  }
  let cached = byPath.get(request.path);
  if (!cached || cached.extra !== request.headers) {
    cached = { extra: request.headers, headers: buildHeaders(holder, request) };
    byPath.set(request.path, cached);
  }
  if (request.timeout === undefined && !request.compression) return cached.headers;
  const h = { ...cached.headers };
  if (request.timeout !== undefined) h["grpc-timeout"] = formatGrpcTimeout(request.timeout);
  if (request.compression) h["grpc-encoding"] = "gzip";
  return h;
}

function buildHeaders(holder: SessionHolder, request: CallRequest): Record<string, string> {
  const h: Record<string, string> = {
    ":method": "POST",
    ":path": request.path,
    ":scheme": holder.scheme,
    ":authority": holder.address,
    "content-type": "application/grpc+proto",
    te: "trailers",
    "user-agent": "dubbo-ts-triple/0.1",
    "grpc-accept-encoding": ACCEPT_ENCODING,
    ...request.headers,
  };
  return h;
}

/**
 * Starts a gRPC call on the address's shared connection: one HTTP/2 stream with `te: trailers`,
 * `content-type: application/grpc+proto` (what Java Triple sends), `grpc-timeout` and
 * `grpc-accept-encoding`; writes `requests` (honouring flow control) and half-closes. The result
 * is reported through `responses` and `status`; this function does not throw.
 */
export function startCall(
  holder: SessionHolder,
  request: CallRequest,
  requests: AsyncIterable<Uint8Array> | readonly Uint8Array[],
): ClientCall {
  let settle!: (info: StatusInfo) => void;
  let statusInfo: StatusInfo | undefined;
  const status = new Promise<StatusInfo>((resolve) => {
    settle = (info) => {
      if (statusInfo) return;
      statusInfo = info;
      resolve(info);
    };
  });
  let resolveHeaders!: (h: IncomingHttpHeaders) => void;
  const headers = new Promise<IncomingHttpHeaders>((r) => {
    resolveHeaders = r;
  });
  let failure: RpcError | undefined;
  const failWith = (error: RpcError, info: StatusInfo) => {
    if (statusInfo) return;
    failure = error;
    settle(info);
  };
  const h = requestHeaders(holder, request);
  let stream: ReturnType<ReturnType<SessionHolder["session"]>["request"]>;
  try {
    stream = holder.session().request(h, { endStream: false });
  } catch (error) {
    const info = {
      status: GrpcStatus.UNAVAILABLE,
      message: `cannot open a stream to ${holder.address}: ${(error as Error).message}`,
    };
    failWith(statusError(info, Code.Network), info);
    return {
      responses: failedIterable(failure!),
      headers,
      status,
      cancel: () => undefined,
    };
  }
  holder.inFlight++;
  let timer: NodeJS.Timeout | undefined;
  const cancel = (reason?: unknown) => {
    const error =
      reason instanceof RpcError
        ? reason
        : new RpcError(Code.Unknown, `CANCELLED: the call to ${request.path} was cancelled`, {
            cause: { status: GrpcStatus.CANCELLED, message: "cancelled by the client" },
          });
    failWith(error, { status: GrpcStatus.CANCELLED, message: error.rawMessage });
    queue.fail(error);
    if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
  };
  const onAbort = () => cancel(request.signal?.reason);
  let responseEncoding: string | undefined;
  const queue = readMessages(stream, {
    maxMessageSize: request.maxMessageSize,
    encoding: () => responseEncoding,
    onError: (error) => {
      failWith(error, { status: GrpcStatus.INTERNAL, message: error.rawMessage });
      if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
    },
    onReturn: () => cancel(),
  });
  stream.on("response", (responseHeaders) => {
    resolveHeaders(responseHeaders);
    const httpStatus = Number(responseHeaders[":status"]);
    const only = statusFrom(responseHeaders);
    // Java 3.3 answers a failed IDL call with :status 500 and a gRPC status: with a gRPC
    // content type, the grpc-status decides (AbstractTripleClientStream.validateHeaderStatus).
    if (httpStatus !== 200 && !isGrpcContentType(responseHeaders["content-type"])) {
      const info = {
        status: fromHttpStatus(httpStatus),
        message: `HTTP status ${httpStatus} from ${holder.address}${request.path}`,
      };
      failWith(statusError(info), info);
      queue.fail(failure);
      return;
    }
    if (only && only.status !== GrpcStatus.OK) failWith(statusError(only), only);
    else if (only) settle(only);
    responseEncoding = responseHeaders["grpc-encoding"] as string | undefined;
  });
  stream.on("trailers", (trailers) => {
    const info = statusFrom(trailers) ?? {
      status: GrpcStatus.INTERNAL,
      message: "the response trailers have no grpc-status",
      trailers,
    };
    if (info.status === GrpcStatus.OK) settle(info);
    else failWith(statusError(info), info);
  });
  stream.on("error", (error) => {
    const info = {
      status: GrpcStatus.UNAVAILABLE,
      message: `${(error as Error).message} (${holder.address})`,
    };
    failWith(statusError(info, Code.Network), info);
    queue.fail(failure);
  });
  stream.on("close", () => {
    holder.inFlight--;
    if (timer) clearTimeout(timer);
    request.signal?.removeEventListener("abort", onAbort);
    if (!statusInfo) {
      const info = {
        status: fromResetCode(stream.rstCode ?? constants.NGHTTP2_INTERNAL_ERROR),
        message: `the stream closed without a grpc-status (RST_STREAM ${stream.rstCode})`,
      };
      failWith(
        statusError(info, info.status === GrpcStatus.UNAVAILABLE ? Code.Network : undefined),
        info,
      );
    }
    if (failure) queue.fail(failure);
  });
  if (request.timeout !== undefined) {
    timer = setTimeout(() => {
      const info = {
        status: GrpcStatus.DEADLINE_EXCEEDED,
        message: `no response from ${holder.address}${request.path} within ${request.timeout} ms`,
      };
      const error = statusError(info);
      failWith(error, info);
      queue.fail(error);
      if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
    }, request.timeout);
  }
  if (request.signal) {
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener("abort", onAbort, { once: true });
  }
  writeRequests(stream, requests, request.compression === true).catch((error) => {
    const rpc = RpcError.from(error, Code.Serialization);
    cancel(rpc);
  });
  return {
    responses: responsesOf(queue, status, () => failure),
    headers,
    status,
    cancel,
  };
}

async function writeRequests(
  stream: import("node:http2").ClientHttp2Stream,
  requests: AsyncIterable<Uint8Array> | readonly Uint8Array[],
  compressed: boolean,
): Promise<void> {
  if (Array.isArray(requests) && !compressed) {
    const list = requests as readonly Uint8Array[];
    if (list.length === 1) {
      stream.end(encodeMessage(list[0]!));
      return;
    }
  }
  for await (const message of requests as AsyncIterable<Uint8Array>) {
    if (stream.closed || stream.destroyed) return;
    const frame = compressed
      ? encodeMessage(await compress(message), true)
      : encodeMessage(message);
    if (!stream.write(frame)) await drained(stream);
  }
  if (!stream.closed && !stream.destroyed) stream.end();
}

async function* responsesOf(
  queue: AsyncIterable<Buffer>,
  status: Promise<StatusInfo>,
  failure: () => RpcError | undefined,
): AsyncGenerator<Buffer> {
  for await (const message of queue) yield message;
  await status;
  const error = failure();
  if (error) throw error;
}

async function* failedIterable(error: RpcError): AsyncGenerator<Buffer> {
  yield* [];
  throw error;
}
