import type { Http2Stream } from "node:http2";
import { Code, RpcError } from "@dubbo-ts/core/spi";
import { decompress } from "./compression.js";
import { checkPrefix, type GrpcMessage, MessageDecoder, onlyMessage } from "./message-codec.js";

/** Gets the request message, or the RpcError that ended the reading; called once. */
export type UnaryRequestCallback = (error: RpcError | undefined, request?: Buffer) => void;

/**
 * The one request message of a unary call, gathered from the stream and decoded once at its end
 * (the server's hot path, without a per-message queue, a promise or closures per call: the
 * listeners are shared and find their reader on the stream). `done` gets `LimitExceeded` as soon
 * as the bytes pass `maxMessageSize` (+ the 5-byte prefix), `Serialization` for bad framing, no
 * message or more than one, and `Network` when the stream closes before its end (a cancel).
 */
export function readUnary(
  stream: Http2Stream,
  maxMessageSize: number,
  encoding: string | undefined,
  done: UnaryRequestCallback,
): void {
  (stream as ReaderStream)[READER] = new UnaryReader(maxMessageSize, encoding, done);
  stream.on("data", onData);
  stream.on("end", onEnd);
  stream.on("close", onClose);
}

const READER = Symbol("unaryReader");
type ReaderStream = Http2Stream & { [READER]: UnaryReader };

function onData(this: ReaderStream, chunk: Buffer) {
  this[READER].data(chunk);
}
function onEnd(this: ReaderStream) {
  this[READER].end();
}
function onClose(this: ReaderStream) {
  this[READER].closed();
}

class UnaryReader {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    private readonly maxMessageSize: number,
    private readonly encoding: string | undefined,
    private readonly done: UnaryRequestCallback,
  ) {}

  fail(error: RpcError): void {
    if (this.settled) return;
    this.settled = true;
    this.done(error);
  }

  /** The stream closed: a cancel unless the request was read (no error built for nothing). */
  closed(): void {
    if (!this.settled)
      this.fail(new RpcError(Code.Network, "the stream was closed before its end"));
  }

  private succeed(request: Buffer): void {
    if (this.settled) return;
    this.settled = true;
    this.done(undefined, request);
  }

  data(chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.maxMessageSize + 5) {
      this.fail(
        new RpcError(
          Code.LimitExceeded,
          `the request is over the limit of ${this.maxMessageSize} bytes (maxMessageSize)`,
        ),
      );
      return;
    }
    this.chunks.push(chunk);
    // The 5-byte prefix alone may already declare too much: refuse before the body comes.
    if (this.chunks.length === 1 && chunk.length >= 5) {
      try {
        checkPrefix(chunk, 0, this.maxMessageSize);
      } catch (error) {
        this.fail(RpcError.from(error, Code.Serialization));
      }
    }
  }

  end(): void {
    if (this.settled) return;
    const { chunks, maxMessageSize } = this;
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.size);
    let message: GrpcMessage | undefined;
    try {
      message = onlyMessage(body, maxMessageSize);
      if (!message) {
        const decoder = new MessageDecoder(maxMessageSize);
        const messages = decoder.push(body);
        if (decoder.pending > 0 || messages.length !== 1) {
          this.fail(
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
      this.fail(RpcError.from(error, Code.Serialization));
      return;
    }
    if (!message.compressed) {
      this.succeed(message.data);
      return;
    }
    if (this.encoding !== "gzip") {
      this.fail(
        new RpcError(
          Code.Serialization,
          `a compressed message arrived with grpc-encoding ${this.encoding ?? "identity"}`,
        ),
      );
      return;
    }
    decompress(message.data, maxMessageSize).then(
      (data) => this.succeed(data),
      (error: unknown) => this.fail(RpcError.from(error, Code.Serialization)),
    );
  }
}
