import { type FrameHeader, HEADER_LENGTH, MAGIC_HIGH, MAGIC_LOW, readHeader } from "./header.js";

/** One frame cut from the byte stream. */
export interface Frame {
  readonly header: FrameHeader;
  /** The body, or null when it was over the payload limit and skipped without being buffered. */
  readonly body: Buffer | null;
}

/** The stream cannot be Dubbo: wrong magic or a negative length. The connection must be closed. */
export class FrameError extends Error {
  override readonly name = "FrameError";
}

/** Java's `payload` default: 8 MiB (remoting-api Constants.DEFAULT_PAYLOAD), body bytes only. */
export const DEFAULT_PAYLOAD = 8 * 1024 * 1024;

/**
 * A pure streaming decoder: feed it socket chunks of any size (1 byte, random, several frames
 * glued together) and get whole frames back. It never touches a socket (server.ts and
 * connection.ts own them).
 *
 * - Chunks are kept in a list and a frame is concatenated once when complete (a body that sits
 *   in one chunk is a zero-copy view), so trickled large bodies cost O(n), not O(n²).
 * - A body longer than `maxPayload` is reported at once with `body: null` and its bytes are
 *   discarded as they arrive, never buffered (the caller answers 40/90 for that id).
 * - A wrong magic or a negative length throws `FrameError`. (Java hands non-Dubbo bytes to its
 *   telnet codec; the server answers telnet lines itself, see telnet.ts, with every command off
 *   unless listed in `telnet`, as since CVE-2021-32824.)
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private skipping = 0;
  private readonly maxPayload: number;

  constructor(options: { maxPayload?: number } = {}) {
    this.maxPayload = options.maxPayload ?? DEFAULT_PAYLOAD;
  }

  /** Bytes received but not yet returned as a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** True when the next byte must start a frame (nothing buffered, no oversized body being skipped). */
  get atFrameStart(): boolean {
    return this.buffered === 0 && this.skipping === 0;
  }

  decode(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let data = chunk;
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, data.length);
      this.skipping -= n;
      data = data.subarray(n);
    }
    if (data.length > 0) {
      this.chunks.push(data);
      this.buffered += data.length;
    }
    while (this.buffered >= HEADER_LENGTH) {
      const head = this.peek(HEADER_LENGTH);
      if (head[0] !== MAGIC_HIGH || head[1] !== MAGIC_LOW) {
        throw new FrameError(
          `not a Dubbo frame: magic 0x${head.readUInt16BE(0).toString(16).padStart(4, "0")} instead of 0xdabb`,
        );
      }
      const header = readHeader(head);
      if (header.bodyLength < 0) throw new FrameError(`negative body length ${header.bodyLength}`);
      if (header.bodyLength > this.maxPayload) {
        // ExchangeCodec.checkPayload: "Data length too large: N, max payload: M".
        this.take(HEADER_LENGTH);
        const now = Math.min(header.bodyLength, this.buffered);
        this.take(now);
        this.skipping = header.bodyLength - now;
        frames.push({ header, body: null });
        continue;
      }
      const size = HEADER_LENGTH + header.bodyLength;
      if (this.buffered < size) break;
      const frame = this.take(size);
      frames.push({ header, body: frame.subarray(HEADER_LENGTH) });
    }
    return frames;
  }

  /** The first `n` buffered bytes without consuming them (copies only when split across chunks). */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    return this.gather(n, false);
  }

  /** Removes and returns the first `n` buffered bytes (one copy at most). */
  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length > n) {
      out = first.subarray(0, n);
      this.chunks[0] = first.subarray(n);
    } else if (first.length === n) {
      out = first;
      this.chunks.shift();
    } else out = this.gather(n, true);
    this.buffered -= n;
    return out;
  }

  private gather(n: number, consume: boolean): Buffer {
    const out = Buffer.allocUnsafe(n);
    let copied = 0;
    let i = 0;
    while (copied < n) {
      const c = this.chunks[i]!;
      const k = Math.min(c.length, n - copied);
      c.copy(out, copied, 0, k);
      copied += k;
      if (consume) {
        if (k === c.length) i++;
        else this.chunks[i] = c.subarray(k);
      } else i++;
    }
    if (consume) this.chunks.splice(0, i);
    return out;
  }
}
