import { Code, RpcError } from "@dubbo-ts/core/spi";

/** gRPC's default limit on one received message, 4 MiB (grpc-java/grpc-go `maxRecvMsgSize`). */
export const DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;

/** One length-prefixed message (PROTOCOL-HTTP2.md "Length-Prefixed-Message"). */
export interface GrpcMessage {
  readonly compressed: boolean;
  readonly data: Buffer;
}

/** 1-byte compressed flag + 4-byte big-endian length + the message, in one buffer. */
export function encodeMessage(data: Uint8Array, compressed = false): Buffer {
  const out = Buffer.allocUnsafe(5 + data.length);
  out[0] = compressed ? 1 : 0;
  out.writeUInt32BE(data.length, 1);
  out.set(data, 5);
  return out;
}

/**
 * The declared length of the 5-byte prefix at `offset`; throws `Serialization` for a flag other
 * than 0/1 and `LimitExceeded` for a length over `maxMessageSize`.
 */
export function checkPrefix(buffer: Buffer, offset: number, maxMessageSize: number): number {
  const flag = buffer[offset]!;
  if (flag > 1) {
    throw new RpcError(Code.Serialization, `bad gRPC message flag ${flag} (expected 0 or 1)`);
  }
  const length = buffer.readUInt32BE(offset + 1);
  if (length > maxMessageSize) {
    throw new RpcError(
      Code.LimitExceeded,
      `gRPC message of ${length} bytes is over the limit of ${maxMessageSize} (maxMessageSize)`,
    );
  }
  return length;
}

/**
 * The message of a buffer that holds exactly one whole message (the body of a unary call), or
 * undefined when it holds anything else (then `MessageDecoder` tells what is wrong). Throws as
 * `checkPrefix`. No decoder, list or copy: the unary hot path.
 */
export function onlyMessage(buffer: Buffer, maxMessageSize: number): GrpcMessage | undefined {
  if (buffer.length < 5) return undefined;
  const length = checkPrefix(buffer, 0, maxMessageSize);
  if (buffer.length !== 5 + length) return undefined;
  return { compressed: buffer[0] === 1, data: buffer.subarray(5) };
}

/**
 * Splits a byte stream into gRPC messages: `push(chunk)` returns every message completed by the
 * chunk, whatever the chunking. A declared length over `maxMessageSize` is a `LimitExceeded`
 * RpcError (the caller answers RESOURCE_EXHAUSTED) raised from the 5-byte prefix alone, before
 * any of the body is buffered; a flag other than 0/1 is a `Serialization` error. Chunks are kept
 * in a list and joined once per message, so the cost is linear in the bytes.
 */
export class MessageDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private need = -1;
  private compressed = false;

  constructor(private readonly maxMessageSize: number = DEFAULT_MAX_MESSAGE_SIZE) {}

  /** Bytes of an incomplete message held (0 at a message boundary). */
  get pending(): number {
    return this.buffered;
  }

  push(chunk: Buffer): GrpcMessage[] {
    const out: GrpcMessage[] = [];
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    for (;;) {
      if (this.need < 0) {
        if (this.buffered < 5) break;
        const head = this.take(5);
        this.need = checkPrefix(head, 0, this.maxMessageSize);
        this.compressed = head[0] === 1;
      }
      if (this.buffered < this.need) break;
      out.push({ compressed: this.compressed, data: this.take(this.need) });
      this.need = -1;
    }
    return out;
  }

  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    let joined: Buffer;
    const first = this.chunks[0]!;
    if (first.length >= n) {
      joined = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      joined = Buffer.allocUnsafe(n);
      let at = 0;
      while (at < n) {
        const c = this.chunks[0]!;
        const part = Math.min(c.length, n - at);
        c.copy(joined, at, 0, part);
        at += part;
        if (part === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(part);
      }
    }
    this.buffered -= n;
    return joined;
  }
}
