import type { Http2Stream } from "node:http2";
import { Code, RpcError } from "@dubbo-ts/core/spi";
import { AsyncQueue } from "./async-queue.js";
import { decompress } from "./compression.js";
import { MessageDecoder } from "./message-codec.js";

export interface MessageReaderOptions {
  readonly maxMessageSize: number;
  /** `grpc-encoding` of the peer, read when a compressed message arrives (not gzip: an error). */
  readonly encoding: () => string | undefined;
  /** Called once with the error when the bytes are not valid gRPC messages (the caller resets the stream). */
  readonly onError: (error: RpcError) => void;
  /** The consumer stopped reading early (the caller cancels the stream). */
  readonly onReturn?: () => void;
}

/**
 * The messages an HTTP/2 stream carries, as an async iterable of message bodies (decompressed).
 * Pauses the stream while the consumer is behind, so HTTP/2 flow control holds the peer back.
 * The queue ends at the stream's end of data; a bad frame or compression fails it (and
 * `onError` runs). Order is kept when gzip messages inflate asynchronously.
 */
export function readMessages(
  stream: Http2Stream,
  options: MessageReaderOptions,
): AsyncQueue<Buffer> {
  const decoder = new MessageDecoder(options.maxMessageSize);
  const queue: AsyncQueue<Buffer> = new AsyncQueue<Buffer>({
    onDrain: () => {
      if (stream.isPaused()) stream.resume();
    },
    ...(options.onReturn ? { onReturn: options.onReturn } : {}),
  });
  let chain: Promise<void> | undefined;
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    const rpc = RpcError.from(error, Code.Serialization);
    queue.fail(rpc);
    options.onError(rpc);
  };
  const deliver = (data: Buffer) => {
    if (!queue.push(data)) stream.pause();
  };
  stream.on("data", (chunk: Buffer) => {
    if (failed) return;
    let messages: ReturnType<MessageDecoder["push"]>;
    try {
      messages = decoder.push(chunk);
    } catch (error) {
      fail(error);
      return;
    }
    for (const m of messages) {
      if (!m.compressed && !chain) {
        deliver(m.data);
        continue;
      }
      if (m.compressed && options.encoding() !== "gzip") {
        fail(
          new RpcError(
            Code.Serialization,
            `a compressed message arrived with grpc-encoding ${options.encoding() ?? "identity"}`,
          ),
        );
        return;
      }
      const previous = chain ?? Promise.resolve();
      chain = previous
        .then(() => (m.compressed ? decompress(m.data, options.maxMessageSize) : m.data))
        .then((data) => {
          if (!failed) deliver(data);
        }, fail);
    }
  });
  // A reset stream never ends: fail the queue so that a handler waiting for requests returns.
  let ended = false;
  stream.on("close", () => {
    if (!failed && !ended) {
      queue.fail(new RpcError(Code.Network, "the stream was closed before its end"));
    }
  });
  stream.on("end", () => {
    ended = true;
    const finish = () => {
      if (failed) return;
      if (decoder.pending > 0) {
        fail(new RpcError(Code.Serialization, "the stream ended inside a gRPC message"));
      } else queue.end();
    };
    if (chain) chain.then(finish, fail);
    else finish();
  });
  return queue;
}
