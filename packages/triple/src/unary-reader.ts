import type { Http2Stream } from "node:http2";
import { Code, RpcError } from "@dubbo-ts/core/spi";
import { decompress } from "./compression.js";
import { checkPrefix, type GrpcMessage, MessageDecoder, onlyMessage } from "./message-codec.js";

/**
 * The one request message of a unary call, gathered from the stream and decoded once at its end
 * (the server's hot path, without a per-message queue). Rejects with `LimitExceeded` as soon as
 * the bytes pass `maxMessageSize` (+ the 5-byte prefix), `Serialization` for bad framing, no
 * message or more than one, and `Network` when the stream closes before its end (a cancel).
 */
export function readUnary(
  stream: Http2Stream,
  maxMessageSize: number,
  encoding: string | undefined,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: RpcError) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    stream.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxMessageSize + 5) {
        fail(
          new RpcError(
            Code.LimitExceeded,
            `the request is over the limit of ${maxMessageSize} bytes (maxMessageSize)`,
          ),
        );
        return;
      }
      chunks.push(chunk);
      // The 5-byte prefix alone may already declare too much: refuse before the body comes.
      if (chunks.length === 1 && chunk.length >= 5) {
        try {
          checkPrefix(chunk, 0, maxMessageSize);
        } catch (error) {
          fail(RpcError.from(error, Code.Serialization));
        }
      }
    });
    stream.on("close", () => {
      if (!settled) fail(new RpcError(Code.Network, "the stream was closed before its end"));
    });
    stream.on("end", () => {
      if (settled) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      let message: GrpcMessage | undefined;
      try {
        message = onlyMessage(body, maxMessageSize);
        if (!message) {
          const decoder = new MessageDecoder(maxMessageSize);
          const messages = decoder.push(body);
          if (decoder.pending > 0 || messages.length !== 1) {
            fail(
              new RpcError(
                Code.Serialization,
                decoder.pending > 0
                  ? "the stream ended inside a gRPC message"
                  : `a unary call takes one request message, got ${messages.length}`,
              ),
            );
            return;
          }
          message = messages[0]!;
        }
      } catch (error) {
        fail(RpcError.from(error, Code.Serialization));
        return;
      }
      if (!message.compressed) {
        settled = true;
        resolve(message.data);
        return;
      }
      if (encoding !== "gzip") {
        fail(
          new RpcError(
            Code.Serialization,
            `a compressed message arrived with grpc-encoding ${encoding ?? "identity"}`,
          ),
        );
        return;
      }
      decompress(message.data, maxMessageSize).then(
        (data) => {
          if (settled) return;
          settled = true;
          resolve(data);
        },
        (error: unknown) => fail(RpcError.from(error, Code.Serialization)),
      );
    });
  });
}
