/** The two HessianWriter methods the chunks are written with. */
export interface ByteSink {
  byte(b: number): void;
  writeRaw(bytes: Uint8Array): void;
}

/**
 * Hessian2Output.writeBytes: 0x20+len (≤15), 0x34 2-byte form (≤1023), else 'A' chunks of 0x8000
 * then a final 'B'. (Java's chunk sizes depend on its 4 KiB buffer; any chunking decodes alike.)
 */
export function writeBinaryChunks(out: ByteSink, data: Uint8Array): void {
  let offset = 0;
  let length = data.length;
  while (length > 0x8000) {
    out.byte(0x41);
    out.byte(0x80);
    out.byte(0x00);
    out.writeRaw(data.subarray(offset, offset + 0x8000));
    offset += 0x8000;
    length -= 0x8000;
  }
  if (length <= 15) out.byte(0x20 + length);
  else if (length <= 1023) {
    out.byte(0x34 + (length >> 8));
    out.byte(length & 0xff);
  } else {
    out.byte(0x42);
    out.byte(length >> 8);
    out.byte(length & 0xff);
  }
  out.writeRaw(offset === 0 ? data : data.subarray(offset));
}
