/**
 * A cursor over big-endian bytes, as the JVM class-file format stores every number (JVMS §4:
 * `u1`, `u2`, `u4`). Reading past the end throws a RangeError naming what was being read, so a
 * truncated or corrupt class file fails with a message instead of garbage.
 */
export class ByteReader {
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new RangeError(
        `${this.what}: truncated at byte ${this.pos} (needed ${n} more of ${this.bytes.length}); is it a valid class file?`,
      );
    }
  }

  u1(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  u2(): number {
    this.need(2);
    const b = this.bytes;
    const v = (b[this.pos]! << 8) | b[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  u4(): number {
    this.need(4);
    const b = this.bytes;
    const v =
      ((b[this.pos]! << 24) |
        (b[this.pos + 1]! << 16) |
        (b[this.pos + 2]! << 8) |
        b[this.pos + 3]!) >>>
      0;
    this.pos += 4;
    return v;
  }

  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}

/**
 * Decodes the JVM's "modified UTF-8" (JVMS §4.4.7): like UTF-8, except that U+0000 is the two
 * bytes C0 80 and characters outside the BMP are two 3-byte surrogates (CESU-8), so it is decoded
 * unit by unit into UTF-16 rather than with TextDecoder.
 */
export function decodeModifiedUtf8(bytes: Uint8Array): string {
  let ascii = true;
  for (const b of bytes) {
    if (b & 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return String.fromCharCode(...bytes);
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i]!;
    if ((a & 0x80) === 0) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0) {
      units.push(((a & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
      i += 2;
    } else {
      units.push(((a & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
    }
  }
  let out = "";
  for (let i = 0; i < units.length; i += 4096) {
    out += String.fromCharCode(...units.slice(i, i + 4096));
  }
  return out;
}
