/**
 * Short strings (up to MAX_CACHED_BYTES bytes) decoded lately, with the bytes they came from: the
 * same interface names, versions, attachment keys, field names and common values arrive in every
 * frame, and a cached string is already flat and hashed, which makes it cheap as a property key.
 *
 * It is consulted before the bytes are scanned, knowing only the string's length in UTF-16 units
 * (what the wire says). A hit needs the cached string to have that many units and its bytes to
 * equal the wire's from the string's start: decoding is prefix-deterministic (each unit is read
 * from the bytes before it), so decoding `units` units there gives exactly the cached string and
 * ends after its bytes. Non-ASCII strings take more bytes than units; their byte length is
 * guessed from a hint table (by units and a few bytes of the first `units`, which are always
 * inside the string) so that strings sharing a long prefix ("北京市…1", "北京市…2") still get slots
 * of their own, hashed over all their bytes.
 *
 * Fixed size, 2-way set associative (the last used way is kept): hostile input can only make it
 * miss, and a collision only costs a miss.
 */
export const MAX_CACHED_BYTES = 64;
const SETS = 2048;
const strings: (string | undefined)[] = new Array(SETS * 2).fill(undefined);
const lengths = new Int32Array(SETS * 2);
const cachedBytes = new Uint8Array(SETS * 2 * MAX_CACHED_BYTES);
/** Per set: the way used last (the other one is replaced next). */
const lastWay = new Uint8Array(SETS);
/** Byte length of the last non-ASCII string seen, by `hintOf` its units and first bytes. */
const HINTS = 1024;
const hints = new Uint8Array(HINTS);

let hitEnd = 0;

/** The offset after the string the last `cachedString` hit returned. */
export function cachedStringEnd(): number {
  return hitEnd;
}

function hintOf(buf: Buffer, offset: number, units: number): number {
  let hash = Math.imul(units, 31) + buf[offset]!;
  hash = Math.imul(hash, 31) + buf[offset + units - 1]!;
  hash = (Math.imul(hash, 31) + buf[offset + (units >> 1)]!) | 0;
  return (hash ^ (hash >>> 10)) & (HINTS - 1);
}

/** The first way of the set for `length` bytes of `units` units at `offset`. */
function setOf(buf: Buffer, offset: number, length: number, units: number): number {
  const end = offset + length;
  let hash = Math.imul(length, 31) + units + buf[offset]!;
  hash = Math.imul(hash, 31) + buf[end - 1]!;
  hash = Math.imul(hash, 31) + buf[length > 1 ? end - 2 : offset]!;
  hash = Math.imul(hash, 31) + buf[offset + (length >> 1)]!;
  hash = Math.imul(hash, 31) + buf[offset + (length >> 2)]!;
  hash = (Math.imul(hash, 31) + buf[end - 1 - (length >> 2)]!) | 0;
  return ((hash ^ (hash >>> 11)) & (SETS - 1)) << 1;
}

/**
 * The body being decoded as a DataView (one per body, kept for the next string): comparing four
 * bytes at a time is about three times faster than byte by byte.
 */
let viewedBuf: Buffer | undefined;
let view: DataView = new DataView(new ArrayBuffer(0));
const cachedView = new DataView(cachedBytes.buffer);

/** True when `length` bytes of `buf` at `offset` equal `known`'s at `base` (`knownView` views `known`). */
export function sameBytes(
  buf: Buffer,
  offset: number,
  known: Uint8Array,
  knownView: DataView,
  base: number,
  length: number,
): boolean {
  if (buf !== viewedBuf) {
    viewedBuf = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    // Little-endian on both sides: no byte swap on the common hosts.
    if (knownView.getInt32(base + i, true) !== view.getInt32(offset + i, true)) return false;
  }
  for (; i < length; i++) if (known[base + i] !== buf[offset + i]) return false;
  return true;
}

function matches(way: number, buf: Buffer, offset: number, length: number, units: number): boolean {
  const cached = strings[way];
  if (cached === undefined || lengths[way] !== length || cached.length !== units) return false;
  return sameBytes(buf, offset, cachedBytes, cachedView, way * MAX_CACHED_BYTES, length);
}

/**
 * The string of `units` UTF-16 units at `offset` if it is cached (its end is then
 * `cachedStringEnd()`), else undefined. The caller checks `0 < units <= MAX_CACHED_BYTES` and
 * `offset + units <= end`.
 */
export function cachedString(
  buf: Buffer,
  offset: number,
  end: number,
  units: number,
): string | undefined {
  let length = units;
  if (buf[offset]! >= 0x80 || buf[offset + units - 1]! >= 0x80) {
    length = hints[hintOf(buf, offset, units)]!;
    if (length < units || offset + length > end) return undefined;
  }
  const set = setOf(buf, offset, length, units);
  // The way used last first: it is the one a repeated string is in.
  const recent = lastWay[set >> 1]!;
  let way = set + recent;
  if (!matches(way, buf, offset, length, units)) {
    way = set + (recent ^ 1);
    if (!matches(way, buf, offset, length, units)) return undefined;
    lastWay[set >> 1] = recent ^ 1;
  }
  hitEnd = offset + length;
  return strings[way];
}

/**
 * Keeps `value`, decoded from the `length` bytes at `offset` (at most MAX_CACHED_BYTES), in the
 * way of its set not used last; returns `value`.
 */
export function rememberString(buf: Buffer, offset: number, length: number, value: string): string {
  const units = value.length;
  const set = setOf(buf, offset, length, units);
  const victim = lastWay[set >> 1]! ^ 1;
  const way = set + victim;
  lastWay[set >> 1] = victim;
  strings[way] = value;
  lengths[way] = length;
  cachedBytes.set(buf.subarray(offset, offset + length), way * MAX_CACHED_BYTES);
  if (length !== units) hints[hintOf(buf, offset, units)] = length;
  return value;
}
