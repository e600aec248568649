import { crc32, inflateRawSync } from "node:zlib";

/** One file of a zip (jar) archive, decompressed on demand. */
export interface ZipEntry {
  readonly name: string;
  read(): Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Lists the files of a zip archive held in memory (a `.jar`: PKWARE APPNOTE.TXT §4.3). It reads
 * the end-of-central-directory record, walks the central directory and inflates entries with
 * `node:zlib`'s `inflateRawSync` (method 8) or copies them (method 0), checking each CRC-32.
 * Written here rather than taken from npm because a jar needs only this much — no streaming, no
 * writing, no encryption — and it keeps the CLI free of dependencies; zip64 archives (over 4 GiB
 * or 65 535 entries, never an API jar) and encrypted entries are refused with a clear error.
 */
export function readZip(bytes: Uint8Array, what: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new RangeError(`${what}: ${why}; is it a valid .jar/.zip file?`);
  };
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail("no end-of-central-directory record");
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) fail("zip64 archives are not supported");
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) {
      fail(`central directory entry ${n} is damaged`);
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    entries.push({
      name,
      read: () => {
        if (flags & 1) fail(`${name} is encrypted`);
        if (view.getUint32(local, true) !== LOCAL) fail(`local header of ${name} is damaged`);
        const start =
          local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        const raw = bytes.subarray(start, start + compressed);
        let data: Uint8Array;
        if (method === 0) data = raw;
        else if (method === 8) data = inflateRawSync(raw);
        else return fail(`${name} uses compression method ${method} (only stored and deflate)`);
        if (data.length !== size || crc32(data) !== crc) fail(`${name} fails its size/CRC check`);
        return data;
      },
    });
  }
  return entries;
}
