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
  private readonly chunks: Buffer[] = [];
  /** Bytes of `chunks[0]` already consumed: frames are cut out of a chunk without re-slicing it. */
  private head = 0;
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
      let buf = this.chunks[0]!;
      let at = this.head;
      if (buf.length - at < HEADER_LENGTH) {
        buf = this.copyOut(HEADER_LENGTH, false);
        at = 0;
      }
      if (buf[at] !== MAGIC_HIGH || buf[at + 1] !== MAGIC_LOW) {
        throw new FrameError(
          `not a Dubbo frame: magic 0x${buf.readUInt16BE(at).toString(16).padStart(4, "0")} instead of 0xdabb`,
        );
      }
      const header = readHeader(buf, at);
      if (header.bodyLength < 0) throw new FrameError(`negative body length ${header.bodyLength}`);
      if (header.bodyLength > this.maxPayload) {
        // ExchangeCodec.checkPayload: "Data length too large: N, max payload: M".
        this.skip(HEADER_LENGTH);
        const now = Math.min(header.bodyLength, this.buffered);
        this.skip(now);
        this.skipping = header.bodyLength - now;
        frames.push({ header, body: null });
        continue;
      }
      const size = HEADER_LENGTH + header.bodyLength;
      if (this.buffered < size) break;
      const first = this.chunks[0]!;
      if (first.length - this.head >= size) {
        // The whole frame is in the first chunk: one view of its body, nothing copied.
        const start = this.head + HEADER_LENGTH;
        frames.push({ header, body: first.subarray(start, start + header.bodyLength) });
        this.skip(size);
      } else {
        frames.push({ header, body: this.copyOut(size, true).subarray(HEADER_LENGTH) });
      }
    }
    return frames;
  }

  /** Consumes `n` buffered bytes. */
  private skip(n: number): void {
    this.buffered -= n;
    let left = n;
    while (left > 0) {
      const first = this.chunks[0]!;
      const available = first.length - this.head;
      if (available > left) {
        this.head += left;
        return;
      }
      left -= available;
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** The first `n` buffered bytes as one new buffer (they span chunks); consumed if `consume`. */
  private copyOut(n: number, consume: boolean): Buffer {
    const out = Buffer.allocUnsafe(n);
    let copied = 0;
    let i = 0;
    let from = this.head;
    while (copied < n) {
      const c = this.chunks[i++]!;
      const k = Math.min(c.length - from, n - copied);
      c.copy(out, copied, from, from + k);
      copied += k;
      from = 0;
    }
    if (consume) this.skip(n);
    return out;
  }
}
