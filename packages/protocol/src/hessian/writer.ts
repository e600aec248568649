import { writeBinaryChunks } from "./binary-chunks.js";
import { maxCesu8Length, writeCesu8 } from "./cesu8.js";
import { javaIntCast } from "./java-long.js";
import { RefNumbers } from "./ref-numbers.js";
import {
  copyOutOfScratch,
  releaseScratch,
  replaceLostScratch,
  takeScratch,
} from "./scratch-buffer.js";

/**
 * The byte-level Hessian 2 writer: one growable buffer per message body, with the per-stream
 * tables Java keeps (object refs, type refs, class definitions). Every method produces the same
 * bytes as HL `Hessian2Output` (apache/dubbo-hessian-lite) for the same value, so frames we send
 * are identical to a Java peer's. Which method to call for a JS value is decided by
 * `typed-writer.ts`; this file knows nothing about Java types.
 *
 * The buffer starts with `reserve` spare bytes so a frame header can be written in front of the
 * body without copying (one buffer per frame).
 *
 * Buffers: a body starts in a 512-byte slice of Node's pool (most requests and responses fit);
 * one that outgrows it continues in the shared 64 KiB scratch buffer when that is free, and
 * `toBuffer()` copies it out (scratch-buffer.ts): no doubling chain with a copy at every step.
 */
export class HessianWriter {
  private buf: Buffer;
  /** The scratch buffer this writer holds until `toBuffer()`, if it got it. */
  private scratch: Buffer | undefined;
  private pos: number;
  private readonly start: number;
  /** Object reference numbers (see ref-numbers.ts). */
  private readonly refs = new RefNumbers();
  // Created on first use: most bodies of a call (strings, numbers) need none of them.
  private typeRefs: Map<string, number> | undefined;
  private classRefs: Map<string, number> | undefined;
  /** Per kind of value, the last one written that `repeat` may copy (see java-time.ts): a list. */
  written: WrittenValue | undefined;

  constructor(reserve = 0, initialSize = 512) {
    this.buf = Buffer.allocUnsafe(Math.max(initialSize, reserve + 16));
    this.pos = reserve;
    this.start = reserve;
  }

  /** Bytes written so far, after the reserved prefix. */
  get length(): number {
    return this.pos - this.start;
  }

  /** Class definitions written and reference numbers taken so far (see `repeat`). */
  get classCount(): number {
    return this.classRefs?.size ?? 0;
  }
  get refCount(): number {
    return this.refs.next;
  }

  /**
   * Writes the body's bytes at [start, end) (offsets as `length` counts them) again and takes `refs` reference numbers: what
   * writing the same value again produces when those bytes hold no class definition, type or
   * back-reference (class references and numbers only, e.g. a java.time handle).
   */
  repeat(start: number, end: number, refs: number): void {
    const n = end - start;
    this.ensure(n);
    const buf = this.buf;
    const from = this.start + start;
    const to = this.pos;
    // Handles are a few dozen bytes: a loop is cheaper than the native call for those.
    if (n <= 64) for (let i = 0; i < n; i++) buf[to + i] = buf[from + i]!;
    else buf.copyWithin(to, from, from + n);
    this.pos += n;
    this.refs.next += refs;
  }

  /** The whole buffer (reserved prefix + body), the caller's to keep; frees the scratch buffer. */
  toBuffer(): Buffer {
    const scratch = this.scratch;
    if (scratch !== undefined) {
      this.scratch = undefined;
      if (this.buf === scratch) {
        this.buf = copyOutOfScratch(scratch, this.pos);
      }
      releaseScratch(scratch);
    } else replaceLostScratch();
    return this.buf.subarray(0, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const need = this.pos + n;
    // Outgrown its first buffer: continue in the free scratch buffer if it is large enough.
    let next = this.scratch === undefined ? takeScratch(need) : undefined;
    if (next !== undefined) this.scratch = next;
    else {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      next = Buffer.allocUnsafe(size);
    }
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Bytes encoded earlier by another writer (they must hold no refs, types or class definitions). */
  writeRaw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** 'N' */
  writeNull(): void {
    this.byte(0x4e);
  }

  /** 'T' / 'F' */
  writeBoolean(v: boolean): void {
    this.byte(v ? 0x54 : 0x46);
  }

  /** Hessian2Output.writeInt: 0x90+v for -16..47, 2-byte 0xc8, 3-byte 0xd4, else 'I' + int32. */
  writeInt(v: number): void {
    this.ensure(5);
    const b = this.buf;
    if (v >= -0x10 && v <= 0x2f) b[this.pos++] = 0x90 + v;
    else if (v >= -0x800 && v <= 0x7ff) {
      b[this.pos++] = 0xc8 + (v >> 8);
      b[this.pos++] = v & 0xff;
    } else if (v >= -0x40000 && v <= 0x3ffff) {
      b[this.pos++] = 0xd4 + (v >> 16);
      b[this.pos++] = (v >> 8) & 0xff;
      b[this.pos++] = v & 0xff;
    } else {
      b[this.pos++] = 0x49;
      b.writeInt32BE(v, this.pos);
      this.pos += 4;
    }
  }

  /**
   * Hessian2Output.writeLong: 0xe0+v for -8..15, 0xf8 2-byte, 0x3c 3-byte, 0x59 int32, else 'L'.
   * `v` is a safe integer number or an int64 bigint (validated by the caller).
   */
  writeLong(v: number | bigint): void {
    this.ensure(9);
    const b = this.buf;
    const small =
      typeof v === "number" ? v : v >= -0x80000000n && v <= 0x7fffffffn ? Number(v) : undefined;
    if (small !== undefined && small >= -0x80000000 && small <= 0x7fffffff) {
      if (small >= -8 && small <= 15) b[this.pos++] = 0xe0 + small;
      else if (small >= -0x800 && small <= 0x7ff) {
        b[this.pos++] = 0xf8 + (small >> 8);
        b[this.pos++] = small & 0xff;
      } else if (small >= -0x40000 && small <= 0x3ffff) {
        b[this.pos++] = 0x3c + (small >> 16);
        b[this.pos++] = (small >> 8) & 0xff;
        b[this.pos++] = small & 0xff;
      } else {
        b[this.pos++] = 0x59;
        b.writeInt32BE(small, this.pos);
        this.pos += 4;
      }
      return;
    }
    b[this.pos++] = 0x4c;
    b.writeBigInt64BE(typeof v === "bigint" ? v : BigInt(v), this.pos);
    this.pos += 8;
  }

  /**
   * Hessian2Output.writeDouble: 0x5b (0.0), 0x5c (1.0), 0x5d byte, 0x5e short when `(int) v == v`;
   * 0x5f + int32 milli-units when `0.001 * (int)(v * 1000) == v`; else 'D' + IEEE 754.
   */
  writeDouble(v: number): void {
    this.ensure(9);
    const b = this.buf;
    const i = v | 0;
    if (i === v) {
      if (i === 0 || i === 1) {
        b[this.pos++] = i === 0 ? 0x5b : 0x5c;
        return;
      }
      if (i >= -0x80 && i < 0x80) {
        b[this.pos++] = 0x5d;
        b[this.pos++] = i & 0xff;
        return;
      }
      if (i >= -0x8000 && i < 0x8000) {
        b[this.pos++] = 0x5e;
        b.writeInt16BE(i, this.pos);
        this.pos += 2;
        return;
      }
    }
    const mills = javaIntCast(v * 1000);
    if (0.001 * mills === v) {
      b[this.pos++] = 0x5f;
      b.writeInt32BE(mills, this.pos);
      this.pos += 4;
      return;
    }
    b[this.pos++] = 0x44;
    b.writeDoubleBE(v, this.pos);
    this.pos += 8;
  }

  /** Hessian2Output.writeUTCDate: 0x4b + int32 minutes when whole minutes fit, else 0x4a + int64 ms. */
  writeDate(ms: number): void {
    this.ensure(9);
    const b = this.buf;
    if (ms % 60000 === 0) {
      const minutes = ms / 60000;
      if (minutes >= -0x80000000 && minutes <= 0x7fffffff) {
        b[this.pos++] = 0x4b;
        b.writeInt32BE(minutes, this.pos);
        this.pos += 4;
        return;
      }
    }
    b[this.pos++] = 0x4a;
    b.writeBigInt64BE(BigInt(ms), this.pos);
    this.pos += 8;
  }

  /**
   * Hessian2Output.writeString: length in UTF-16 units; 0x00+len (≤31), 0x30 2-byte form (≤1023),
   * 'S' + uint16 for the final chunk, 'R' + uint16 for each 0x8000-unit chunk before it (a chunk
   * never ends on a high surrogate). Bytes are CESU-8.
   */
  writeString(s: string): void {
    let length = s.length;
    if (length <= 31) {
      // The common case in one step: one capacity check, the length byte, the characters.
      this.ensure(1 + maxCesu8Length(length));
      this.buf[this.pos] = length;
      this.pos += 1 + writeCesu8(this.buf, this.pos + 1, s);
      return;
    }
    let offset = 0;
    while (length > 0x8000) {
      let sub = 0x8000;
      const tail = s.charCodeAt(offset + sub - 1);
      if (tail >= 0xd800 && tail <= 0xdbff) sub--;
      this.ensure(3);
      this.buf[this.pos++] = 0x52;
      this.buf.writeUInt16BE(sub, this.pos);
      this.pos += 2;
      this.chars(s.slice(offset, offset + sub));
      offset += sub;
      length -= sub;
    }
    this.ensure(3);
    if (length <= 31) this.buf[this.pos++] = length;
    else if (length <= 1023) {
      this.buf[this.pos++] = 0x30 + (length >> 8);
      this.buf[this.pos++] = length & 0xff;
    } else {
      this.buf[this.pos++] = 0x53;
      this.buf.writeUInt16BE(length, this.pos);
      this.pos += 2;
    }
    this.chars(offset === 0 ? s : s.slice(offset));
  }

  private chars(s: string): void {
    this.ensure(maxCesu8Length(s.length));
    this.pos += writeCesu8(this.buf, this.pos, s);
  }

  /** Hessian2Output.writeBytes (binary-chunks.ts). */
  writeBinary(data: Uint8Array): void {
    writeBinaryChunks(this, data);
  }

  /** Hessian2Output.writeType: a string the first time, then its index in the type table. */
  writeType(type: string): void {
    this.typeRefs ??= new Map();
    const typeRefs = this.typeRefs;
    const ref = typeRefs.get(type);
    if (ref !== undefined) {
      this.writeInt(ref);
      return;
    }
    typeRefs.set(type, typeRefs.size);
    this.writeString(type);
  }

  /** Hessian2Output.writeListBegin for a fixed length: 0x70/0x78+len (≤7), else 'V'/0x58 + int. */
  writeListBegin(length: number, type: string | null): void {
    if (length <= 7) {
      if (type !== null) {
        this.byte(0x70 + length);
        this.writeType(type);
      } else this.byte(0x78 + length);
      return;
    }
    if (type !== null) {
      this.byte(0x56);
      this.writeType(type);
    } else this.byte(0x58);
    this.writeInt(length);
  }

  /** Hessian2Output.writeMapBegin: 'M' + type, or 'H' for an untyped (HashMap) map. Close with `writeMapEnd`. */
  writeMapBegin(type: string | null): void {
    if (type !== null) {
      this.byte(0x4d);
      this.writeType(type);
    } else this.byte(0x48);
  }

  /** 'Z' */
  writeMapEnd(): void {
    this.byte(0x5a);
  }

  /**
   * Hessian2Output.writeObjectBegin + JavaSerializer.writeDefinition20: the first instance of a
   * class writes 'C' type, field count, field names, then every instance writes 0x60+def (≤15) or
   * 'O' + int. The caller then writes the field values in the same order.
   */
  writeObjectBegin(type: string, fields: readonly string[]): void {
    this.classRefs ??= new Map();
    const classRefs = this.classRefs;
    let def = classRefs.get(type);
    if (def === undefined) {
      def = classRefs.size;
      classRefs.set(type, def);
      // The definition's bytes depend on nothing but the type and fields (strings are never
      // back-referenced in Hessian 2): copied from the first message that wrote them.
      const known = classDefBytes.get(fields);
      if (known !== undefined && known.type === type) this.writeRaw(known.bytes);
      else {
        const from = this.pos;
        this.byte(0x43);
        this.writeString(type);
        this.writeInt(fields.length);
        for (const f of fields) this.writeString(f);
        classDefBytes.set(fields, { type, bytes: Buffer.from(this.buf.subarray(from, this.pos)) });
      }
    }
    if (def <= 15) this.byte(0x60 + def);
    else {
      this.byte(0x4f);
      this.writeInt(def);
    }
  }

  /**
   * Hessian2Output.addRef: lists, maps, arrays and objects take the next reference number; writing
   * the same object again (or a cycle) writes 'Q' + its number instead. Returns true when a ref was
   * written and the caller must not write the value.
   */
  addRef(value: object): boolean {
    const ref = this.refs.numberOf(value);
    if (ref < 0) return false;
    this.byte(0x51);
    this.writeInt(ref);
    return true;
  }

  /**
   * Takes the next reference number for an object Java numbers but that can never be referenced
   * from here: a value that is a JS primitive on our side (BigDecimal, BigInteger) or a
   * hessian-lite handle object Java creates per write (java.time). Without it every later
   * back-reference number would be off by one.
   */
  skipRef(): void {
    this.refs.next++;
  }
}

/**
 * A value `HessianWriter.repeat` may write again: its bytes in the body, the refs it took; one per
 * kind (`type`), linked (`next`): a body has a few kinds, so a scan beats a Map lookup.
 */
export interface WrittenValue {
  readonly type: string;
  readonly next: WrittenValue | undefined;
  value: string;
  start: number;
  end: number;
  refs: number;
}

/** Class-definition bytes by the (long-lived) field-name array of a class, with its type name. */
const classDefBytes = new WeakMap<readonly string[], { type: string; bytes: Buffer }>();
