import { constants, type IncomingHttpHeaders } from "node:http2";
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
    let stream: ReturnType<ReturnType<SessionHolder["session"]>["request"]>;
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
    const limit = request.maxMessageSize + 5;
    const chunks: Buffer[] = [];
    let size = 0;
    let headers: IncomingHttpHeaders = {};
    let trailers: IncomingHttpHeaders | undefined;
    let failure: RpcError | undefined;
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: RpcError) => {
      failure ??= error;
      if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL);
    };
    const onAbort = () => {
      const reason = request.signal?.reason;
      fail(
        reason instanceof RpcError
          ? reason
          : new RpcError(Code.Unknown, `CANCELLED: the call to ${request.path} was cancelled`, {
              cause: { status: GrpcStatus.CANCELLED, message: "cancelled by the client" },
            }),
      );
    };
    stream.on("response", (h) => {
      headers = h;
    });
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail(
          statusError({
            status: GrpcStatus.RESOURCE_EXHAUSTED,
            message: `the response of ${request.path} is over the limit of ${request.maxMessageSize} bytes (maxMessageSize)`,
          }),
        );
      } else chunks.push(chunk);
    });
    stream.on("trailers", (t) => {
      trailers = t;
    });
    stream.on("error", (error) => {
      const info = {
        status: GrpcStatus.UNAVAILABLE,
        message: `${error.message} (${holder.address})`,
      };
      failure ??= statusError(info, Code.Network);
    });
    stream.on("close", () => {
      holder.inFlight--;
      if (timer) clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      if (failure) {
        reject(failure);
        return;
      }
      try {
        const settled = settle(stream.rstCode ?? constants.NGHTTP2_NO_ERROR);
        if (settled instanceof Promise) settled.then(resolve, reject);
        else resolve(settled);
      } catch (error) {
        reject(error);
      }
    });
    /** The outcome; synchronous unless the response must be decompressed. */
    const settle = (rstCode: number): UnaryResponse | Promise<UnaryResponse> => {
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
      const status = statusFrom(trailers ?? headers) ?? {
        status: fromResetCode(rstCode),
        message: `the stream closed without a grpc-status (RST_STREAM ${rstCode})`,
      };
      if (status.status !== GrpcStatus.OK) {
        throw statusError(
          status,
          status.status === GrpcStatus.UNAVAILABLE ? Code.Network : undefined,
        );
      }
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
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
    };
    if (request.timeout !== undefined) {
      timer = setTimeout(() => {
        fail(
          statusError({
            status: GrpcStatus.DEADLINE_EXCEEDED,
            message: `no response from ${holder.address}${request.path} within ${request.timeout} ms`,
          }),
        );
      }, request.timeout);
    }
    if (request.signal) {
      if (request.signal.aborted) onAbort();
      else request.signal.addEventListener("abort", onAbort, { once: true });
    }
    stream.end(encodeMessage(body));
  });
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
