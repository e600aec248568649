import type { JavaType } from "@dubbo-ts/core/spi";
import { decodeCesu8, lastDecodedEnd } from "./cesu8.js";
import type { LongPolicy } from "./decode-options.js";
import { HessianError } from "./hessian-error.js";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** JS Date range (ECMA-262 21.4.1.1): ±8.64e15 ms. */
const MAX_DATE_MS = 8.64e15;

/**
 * The scalar half of the Hessian 2 reader (HL Hessian2Input): the body's bytes and position, and
 * every value that is not a container — ints, longs, doubles' siblings, dates, strings, binary —
 * each bounds-checked (truncation throws `HessianError`, never TypeError). `HessianReader` adds
 * lists, maps, objects, references and the decode limits on top.
 */
export abstract class ScalarReader {
  pos: number;
  protected readonly end: number;
  protected readonly buf: Buffer;
  protected longs: LongPolicy;

  constructor(buf: Buffer, offset: number, end: number, longs: LongPolicy) {
    this.buf = buf;
    this.pos = offset;
    this.end = end;
    this.longs = longs;
  }

  /** Any value, shaped by the Java type the contract declares for it when known. */
  abstract readValue(expected?: JavaType): unknown;

  // The fast paths of the generated field readers (class-shape.ts) and typed list loops: the
  // commonest code of a declared field type decoded inline (small enough for the engine to inline
  // into the caller), every other code by readValue. Each gives exactly what readValue gives.

  /** A declared int-like field: compact ints (0x80–0xbf, 0xc0–0xcf) inline. */
  readIntField(expected: JavaType | undefined): unknown {
    const pos = this.pos;
    if (pos + 1 < this.end) {
      const code = this.buf[pos]!;
      if (code >= 0x80 && code <= 0xbf) {
        this.pos = pos + 1;
        return code - 0x90;
      }
      if (code >= 0xc0 && code <= 0xcf) {
        this.pos = pos + 2;
        return ((code - 0xc8) << 8) | this.buf[pos + 1]!;
      }
    }
    return this.readValue(expected);
  }

  /** A declared long-like field: compact longs (0xd8–0xef, 0xf0–0xff) inline. */
  readLongField(expected: JavaType | undefined): unknown {
    const pos = this.pos;
    if (pos + 1 < this.end) {
      const code = this.buf[pos]!;
      let v: number;
      if (code >= 0xd8 && code <= 0xef) {
        this.pos = pos + 1;
        v = code - 0xe0;
      } else if (code >= 0xf0) {
        this.pos = pos + 2;
        v = ((code - 0xf8) << 8) | this.buf[pos + 1]!;
      } else return this.readValue(expected);
      return this.longs === "bigint" ? BigInt(v) : v;
    }
    return this.readValue(expected);
  }

  /** A declared String field: short strings (0x00–0x1f, 0x30–0x33) inline. */
  readStringField(expected: JavaType | undefined): unknown {
    const pos = this.pos;
    if (pos + 1 < this.end) {
      const code = this.buf[pos]!;
      let units: number;
      let from: number;
      if (code <= 0x1f) {
        units = code;
        from = pos + 1;
      } else if (code >= 0x30 && code <= 0x33) {
        units = ((code - 0x30) << 8) | this.buf[pos + 1]!;
        from = pos + 2;
      } else return this.readValue(expected);
      const value = decodeCesu8(this.buf, from, this.end, units);
      this.pos = lastDecodedEnd();
      return value;
    }
    return this.readValue(expected);
  }

  /** True when every byte of the body was consumed. */
  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  protected need(n: number, what: string): void {
    if (this.pos + n > this.end) throw HessianError.truncated(what, this.pos);
  }

  protected next(what: string): number {
    if (this.pos >= this.end) throw HessianError.truncated(what, this.pos);
    return this.buf[this.pos++]!;
  }

  protected peek(what: string): number {
    if (this.pos >= this.end) throw HessianError.truncated(what, this.pos);
    return this.buf[this.pos]!;
  }

  /** A string value (Java `readUTF`); `null` when the peer wrote 'N'. */
  readString(): string | null {
    const code = this.next("string");
    if (code === 0x4e) return null;
    return this.stringAfter(code);
  }

  /** An int value (Java `readInt`, also used by Dubbo for the response flag byte). */
  readInt(): number {
    const code = this.next("int");
    const v = this.intAfter(code);
    if (v === undefined)
      throw HessianError.malformed(`expected an int, found code 0x${hex(code)}`, this.pos - 1);
    return v;
  }

  /** The int forms: 0x80–0xbf, 0xc0–0xcf + 1, 0xd0–0xd7 + 2, 'I' + 4. Undefined for other codes. */
  protected intAfter(code: number): number | undefined {
    if (code >= 0x80 && code <= 0xbf) return code - 0x90;
    if (code >= 0xc0 && code <= 0xcf) return ((code - 0xc8) << 8) | this.next("int");
    if (code >= 0xd0 && code <= 0xd7) {
      this.need(2, "int");
      const v = ((code - 0xd4) << 16) | this.buf.readUInt16BE(this.pos);
      this.pos += 2;
      return v;
    }
    if (code === 0x49) {
      this.need(4, "int");
      this.pos += 4;
      return this.buf.readInt32BE(this.pos - 4);
    }
    return undefined;
  }

  protected longAfter(code: number): number | bigint {
    let v: number;
    if (code >= 0xd8 && code <= 0xef) v = code - 0xe0;
    else if (code >= 0xf0) v = ((code - 0xf8) << 8) | this.next("long");
    else if (code >= 0x38 && code <= 0x3f) {
      this.need(2, "long");
      v = ((code - 0x3c) << 16) | this.buf.readUInt16BE(this.pos);
      this.pos += 2;
    } else if (code === 0x59) {
      this.need(4, "long");
      v = this.buf.readInt32BE(this.pos);
      this.pos += 4;
    } else {
      this.need(8, "long");
      const big = this.buf.readBigInt64BE(this.pos);
      this.pos += 8;
      if (this.longs === "bigint") return big;
      if (big > MAX_SAFE || big < -MAX_SAFE) {
        throw HessianError.type(
          `Java long ${big} is outside ±(2^53−1) and cannot be a JS number without rounding; use the option longs: "bigint"`,
        );
      }
      return Number(big);
    }
    return this.longs === "bigint" ? BigInt(v) : v;
  }

  protected dateAfter(code: number): Date {
    let ms: number;
    if (code === 0x4b) {
      this.need(4, "date");
      ms = this.buf.readInt32BE(this.pos) * 60000;
      this.pos += 4;
    } else {
      this.need(8, "date");
      const big = this.buf.readBigInt64BE(this.pos);
      if (big > 8_640_000_000_000_000n || big < -8_640_000_000_000_000n) {
        throw HessianError.malformed("date outside the JS Date range", this.pos);
      }
      ms = Number(big);
      this.pos += 8;
    }
    if (Math.abs(ms) > MAX_DATE_MS)
      throw HessianError.malformed("date outside the JS Date range", this.pos);
    return new Date(ms);
  }

  /** 0x00–0x1f, 0x30–0x33, 'S' final chunk, 'R' non-final chunks (looped, not recursed). */
  protected stringAfter(first: number): string {
    let code = first;
    let out = "";
    for (;;) {
      let units: number;
      let final = true;
      if (code <= 0x1f) units = code;
      else if (code >= 0x30 && code <= 0x33) units = ((code - 0x30) << 8) | this.next("string");
      else if (code === 0x53 || code === 0x52) {
        this.need(2, "string");
        units = this.buf.readUInt16BE(this.pos);
        this.pos += 2;
        final = code === 0x53;
      } else
        throw HessianError.malformed(`expected a string, found code 0x${hex(code)}`, this.pos - 1);
      const value = decodeCesu8(this.buf, this.pos, this.end, units);
      this.pos = lastDecodedEnd();
      if (final) return out === "" ? value : out + value;
      out += value;
      code = this.next("string chunk");
    }
  }

  protected binaryAfter(first: number): Buffer {
    const parts: Buffer[] = [];
    let code = first;
    for (;;) {
      let len: number;
      let final = true;
      if (code >= 0x20 && code <= 0x2f) len = code - 0x20;
      else if (code >= 0x34 && code <= 0x37) len = ((code - 0x34) << 8) | this.next("binary");
      else if (code === 0x41 || code === 0x42) {
        this.need(2, "binary");
        len = this.buf.readUInt16BE(this.pos);
        this.pos += 2;
        final = code === 0x42;
      } else
        throw HessianError.malformed(`expected binary, found code 0x${hex(code)}`, this.pos - 1);
      this.need(len, "binary");
      parts.push(Buffer.from(this.buf.subarray(this.pos, this.pos + len)));
      this.pos += len;
      if (final) return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      code = this.next("binary chunk");
    }
  }
}

// The kinds of the first byte of a value (Hessian 2.0 grammar, HL Hessian2Input.readObject);
// K_OTHER codes are told apart by the switch in readValue.
export const K_OTHER = 0;
export const K_INT = 1;
export const K_STRING = 2;
export const K_LONG = 3;
export const K_OBJECT_SHORT = 4;
export const K_LIST_TYPED_SHORT = 5;
export const K_LIST_SHORT = 6;
export const K_BINARY = 7;

export const CODE_KINDS = (() => {
  const kinds = new Uint8Array(256).fill(K_OTHER);
  const range = (from: number, to: number, kind: number) => kinds.fill(kind, from, to + 1);
  range(0x00, 0x1f, K_STRING);
  range(0x20, 0x2f, K_BINARY);
  range(0x30, 0x33, K_STRING);
  range(0x34, 0x37, K_BINARY);
  range(0x38, 0x3f, K_LONG);
  range(0x41, 0x42, K_BINARY);
  kinds[0x49] = K_INT;
  kinds[0x4c] = K_LONG;
  range(0x52, 0x53, K_STRING);
  kinds[0x59] = K_LONG;
  range(0x60, 0x6f, K_OBJECT_SHORT);
  range(0x70, 0x77, K_LIST_TYPED_SHORT);
  range(0x78, 0x7f, K_LIST_SHORT);
  range(0x80, 0xd7, K_INT);
  range(0xd8, 0xff, K_LONG);
  return kinds;
})();

export function hex(code: number): string {
  return code.toString(16).padStart(2, "0");
}
