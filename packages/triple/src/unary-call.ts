import { type ClientHttp2Stream, constants, type IncomingHttpHeaders } from "node:http2";
import { Code, RpcError } from "@dubbo-ts/core/spi";
import {
  type CallRequest,
  fromHttpStatus,
  fromResetCode,
  requestHeaders,
  startCall,
  statusFrom,
} from "./client-call.js";
import { decompress } from "./compression.js";
import { GrpcStatus, type StatusInfo, statusError } from "./grpc-status.js";
import { encodeMessage, type GrpcMessage, MessageDecoder, onlyMessage } from "./message-codec.js";
import { isGrpcContentType } from "./server.js";
import type { SessionHolder } from "./session-holder.js";

/** What a unary call answered: its one message (none is possible), headers and OK status. */
export interface UnaryResponse {
  readonly message: Buffer | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly status: StatusInfo;
}

/**
 * One request message, one response: the hot path of unary calls, without the per-message
 * queue and generators of `startCall` (fewer allocations per call). The response bytes are
 * gathered and decoded once at the end of the stream. Rejects with the RpcError of a non-OK
 * status, a reset, the deadline or an abort; requests with `compression` go through `startCall`.
 */
export function unaryCall(
  holder: SessionHolder,
  request: CallRequest,
  body: Uint8Array,
): Promise<UnaryResponse> {
  if (request.compression) return viaStartCall(holder, request, body);
  return new Promise<UnaryResponse>((resolve, reject) => {
    let stream: ClientHttp2Stream;
    try {
      stream = holder.session().request(requestHeaders(holder, request), { endStream: false });
    } catch (error) {
      const info = {
        status: GrpcStatus.UNAVAILABLE,
        message: `cannot open a stream to ${holder.address}: ${(error as Error).message}`,
      };
      reject(statusError(info, Code.Network));
      return;
    }
    holder.inFlight++;
    const call = new UnaryCall(holder, request, stream, resolve, reject);
    (stream as CallStream)[CALL] = call;
    stream.on("response", onResponse);
    stream.on("data", onData);
    stream.on("trailers", onTrailers);
    stream.on("error", onError);
    stream.on("close", onClose);
    if (request.timeout !== undefined) {
      call.timer = setTimeout(() => call.expire(), request.timeout);
    }
    const signal = request.signal;
    if (signal) {
      call.onAbort = () => call.abort();
      if (signal.aborted) call.abort();
      else signal.addEventListener("abort", call.onAbort, { once: true });
    }
    stream.end(encodeMessage(body));
  });
}

const CALL = Symbol("unaryCall");
type CallStream = ClientHttp2Stream & { [CALL]: UnaryCall };

// Listeners shared by every call (no closures per call): `this` is the stream.
function onResponse(this: CallStream, headers: IncomingHttpHeaders) {
  this[CALL].headers = headers;
}
function onData(this: CallStream, chunk: Buffer) {
  this[CALL].data(chunk);
}
function onTrailers(this: CallStream, trailers: IncomingHttpHeaders) {
  this[CALL].trailers = trailers;
}
function onError(this: CallStream, error: Error) {
  const call = this[CALL];
  const info = { status: GrpcStatus.UNAVAILABLE, message: `${error.message} (${call.address})` };
  call.failure ??= statusError(info, Code.Network);
}
function onClose(this: CallStream) {
  this[CALL].close();
}

/** The state of one unary call on its stream. */
class UnaryCall {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  headers: IncomingHttpHeaders = {};
  trailers: IncomingHttpHeaders | undefined = undefined;
  failure: RpcError | undefined = undefined;
  timer: NodeJS.Timeout | undefined = undefined;
  onAbort: (() => void) | undefined = undefined;

  constructor(
    private readonly holder: SessionHolder,
    private readonly request: CallRequest,
    private readonly stream: ClientHttp2Stream,
    private readonly resolve: (response: UnaryResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  get address(): string {
    return this.holder.address;
  }

  fail(error: RpcError): void {
    this.failure ??= error;
    if (!this.stream.closed) this.stream.close(constants.NGHTTP2_CANCEL);
  }

  data(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.request.maxMessageSize + 5) {
      this.fail(
        statusError({
          status: GrpcStatus.RESOURCE_EXHAUSTED,
          message: `the response of ${this.request.path} is over the limit of ${this.request.maxMessageSize} bytes (maxMessageSize)`,
        }),
      );
    } else this.chunks.push(chunk);
  }

  expire(): void {
    this.fail(
      statusError({
        status: GrpcStatus.DEADLINE_EXCEEDED,
        message: `no response from ${this.holder.address}${this.request.path} within ${this.request.timeout} ms`,
      }),
    );
  }

  abort(): void {
    const reason = this.request.signal?.reason;
    this.fail(
      reason instanceof RpcError
        ? reason
        : new RpcError(Code.Unknown, `CANCELLED: the call to ${this.request.path} was cancelled`, {
            cause: { status: GrpcStatus.CANCELLED, message: "cancelled by the client" },
          }),
    );
  }

  close(): void {
    this.holder.inFlight--;
    if (this.timer) clearTimeout(this.timer);
    if (this.onAbort) this.request.signal?.removeEventListener("abort", this.onAbort);
    if (this.failure) {
      this.reject(this.failure);
      return;
    }
    try {
      const settled = this.settle(this.stream.rstCode ?? constants.NGHTTP2_NO_ERROR);
      if (settled instanceof Promise) settled.then(this.resolve, this.reject);
      else this.resolve(settled);
    } catch (error) {
      this.reject(error);
    }
  }

  /** The outcome; synchronous unless the response must be decompressed. */
  private settle(rstCode: number): UnaryResponse | Promise<UnaryResponse> {
    const { headers, request, holder, chunks } = this;
    const httpStatus = Number(headers[":status"]);
    if (
      headers[":status"] !== undefined &&
      httpStatus !== 200 &&
      !isGrpcContentType(headers["content-type"] as string | undefined)
    ) {
      throw statusError({
        status: fromHttpStatus(httpStatus),
        message: `HTTP status ${httpStatus} from ${holder.address}${request.path}`,
      });
    }
    const status = statusFrom(this.trailers ?? headers) ?? {
      status: fromResetCode(rstCode),
      message: `the stream closed without a grpc-status (RST_STREAM ${rstCode})`,
    };
    if (status.status !== GrpcStatus.OK) {
      throw statusError(
        status,
        status.status === GrpcStatus.UNAVAILABLE ? Code.Network : undefined,
      );
    }
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.size);
    let first: GrpcMessage | undefined;
    try {
      first = onlyMessage(body, request.maxMessageSize);
      if (!first) {
        const decoder = new MessageDecoder(request.maxMessageSize);
        first = decoder.push(body)[0];
        if (decoder.pending > 0)
          throw new RpcError(
            Code.Serialization,
            `the response of ${request.path} ends inside a gRPC message`,
          );
      }
    } catch (error) {
      throw RpcError.from(error, Code.Serialization);
    }
    if (first?.compressed) {
      if (headers["grpc-encoding"] !== "gzip") {
        throw new RpcError(
          Code.Serialization,
          `a compressed message arrived with grpc-encoding ${String(headers["grpc-encoding"] ?? "identity")}`,
        );
      }
      return decompress(first.data, request.maxMessageSize).then((message) => ({
        message,
        headers,
        status,
      }));
    }
    return { message: first?.data, headers, status };
  }
}

async function viaStartCall(
  holder: SessionHolder,
  request: CallRequest,
  body: Uint8Array,
): Promise<UnaryResponse> {
  const call = startCall(holder, request, [body]);
  let message: Buffer | undefined;
  for await (const m of call.responses) message ??= m;
  return { message, headers: await call.headers, status: await call.status };
}
