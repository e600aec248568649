import { HessianError } from "./hessian-error.js";
import { cachedString, cachedStringEnd, MAX_CACHED_BYTES, rememberString } from "./string-cache.js";

/**
 * Hessian strings as Java writes and reads them: "UTF-8" computed per UTF-16 code unit, so a
 * character outside the BMP is two 3-byte surrogate sequences (CESU-8), never one 4-byte sequence.
 * HL Hessian2Output.printString writes it that way and Hessian2Input.parseUTF8Char rejects 4-byte
 * sequences ("bad utf-8 encoding"), so `Buffer.from(s, "utf8")` would break emoji with Java.
 */

/** Most bytes a string of `units` UTF-16 code units can take (3 per unit). */
export function maxCesu8Length(units: number): number {
  return units * 3;
}

/**
 * Node's own UTF-8 writer behind `buf.write(text, offset, "utf8")` (Buffer.prototype.utf8Write,
 * lib/buffer.js), called directly: `write` normalises its arguments and picks the encoding on
 * every call, which for the strings here cost as much as the copy. `buf.write` where absent.
 */
const utf8Write = (Buffer.prototype as { utf8Write?: (s: string, o: number) => number }).utf8Write;
const nativeUtf8: (buf: Buffer, text: string, offset: number) => number =
  typeof utf8Write === "function"
    ? (buf, text, offset) => utf8Write.call(buf, text, offset)
    : (buf, text, offset) => buf.write(text, offset, "utf8");

/** Writes `text` as CESU-8 at `offset`; returns the number of bytes written. */
export function writeCesu8(buf: Buffer, offset: number, text: string): number {
  // Short strings (most names and keys) are faster with the loop than with a native call. Longer
  // ones go through the native UTF-8 encoder, which also reads a concatenated (cons) string
  // without a pass in JS; its bytes are CESU-8 unless the text had a surrogate: a pair became one
  // 4-byte sequence (lead 0xf0..0xf4) and a lone one U+FFFD (ef bf bd). Then the loop writes it
  // again (also for a real U+FFFD, which only costs the second pass).
  if (text.length > NATIVE_FROM) {
    const n = nativeUtf8(buf, text, offset);
    if (n === text.length) return n; // ASCII
    const end = offset + n;
    for (let i = offset; i < end; i++) {
      const b = buf[i]!;
      if (b >= 0xf0 || (b === 0xef && buf[i + 1] === 0xbf && buf[i + 2] === 0xbd)) {
        return writeByUnit(buf, offset, text);
      }
    }
    return n;
  }
  return writeByUnit(buf, offset, text);
}

/** Strings longer than this are written by the native encoder (see writeCesu8). */
const NATIVE_FROM = 32;

/** Each UTF-16 unit as 1–3 bytes, surrogates included (3 bytes each): CESU-8. */
function writeByUnit(buf: Buffer, offset: number, text: string): number {
  let pos = offset;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 0x80) buf[pos++] = ch;
    else if (ch < 0x800) {
      buf[pos++] = 0xc0 | (ch >> 6);
      buf[pos++] = 0x80 | (ch & 0x3f);
    } else {
      buf[pos++] = 0xe0 | (ch >> 12);
      buf[pos++] = 0x80 | ((ch >> 6) & 0x3f);
      buf[pos++] = 0x80 | (ch & 0x3f);
    }
  }
  return pos - offset;
}

/**
 * Reads `units` UTF-16 code units of CESU-8 starting at `offset` (HL Hessian2Input.parseUTF8Char).
 * Also accepts 4-byte UTF-8 (two units), which hessian.js never writes but other peers might.
 * Returns the string and the offset after it; throws a HessianError on truncation or a bad lead byte.
 */
export function readCesu8(
  buf: Buffer,
  offset: number,
  end: number,
  units: number,
): { value: string; next: number } {
  const value = decodeCesu8(buf, offset, end, units);
  return { value, next: decodedEnd };
}

/** Where the string read by the last `decodeCesu8` ended. */
let decodedEnd = 0;

/** The offset after the string the last `decodeCesu8` call returned. */
export function lastDecodedEnd(): number {
  return decodedEnd;
}

/**
 * `readCesu8` without the result object (one per string, in the decoder's hottest loop): returns
 * the string; its end offset is `lastDecodedEnd()` until the next call.
 */
export function decodeCesu8(buf: Buffer, offset: number, end: number, units: number): string {
  // Short strings first from the cache (string-cache.ts), before any pass over their bytes.
  if (units <= MAX_CACHED_BYTES && units > 0 && offset + units <= end) {
    const cached = cachedString(buf, offset, end, units);
    if (cached !== undefined) {
      decodedEnd = cachedStringEnd();
      return cached;
    }
  }
  return decodeUncached(buf, offset, end, units);
}

/** `decodeCesu8` past the cache (kept apart so that the cached path stays small). */
function decodeUncached(buf: Buffer, offset: number, end: number, units: number): string {
  const stop = offset + units;
  if (stop <= end) {
    // ASCII strings (names, versions, attachment keys and values) are the common case.
    let i = offset;
    while (i < stop && buf[i]! < 0x80) i++;
    if (i === stop) {
      decodedEnd = stop;
      const ascii = buf.toString("latin1", offset, stop);
      return units <= MAX_CACHED_BYTES && units > 0
        ? rememberString(buf, offset, units, ascii)
        : ascii;
    }
  }
  // First pass: find the byte length and whether the native UTF-8 decoder gives the same result.
  let pos = offset;
  let n = 0;
  let nativeOk = true;
  while (n < units) {
    if (pos >= end) throw HessianError.truncated("string", pos);
    const b = buf[pos]!;
    if (b < 0x80) {
      pos++;
      n++;
    } else if ((b & 0xe0) === 0xc0) {
      if (b < 0xc2) nativeOk = false; // overlong form (Java's modified UTF-8 NUL): decode by hand
      pos += 2;
      n++;
    } else if ((b & 0xf0) === 0xe0) {
      const b1 = buf[pos + 1] ?? 0;
      if ((b === 0xed && b1 >= 0xa0) || (b === 0xe0 && b1 < 0xa0)) nativeOk = false;
      pos += 3;
      n++;
    } else if ((b & 0xf8) === 0xf0) {
      pos += 4;
      n += 2;
    } else throw HessianError.malformed(`bad utf-8 lead byte 0x${b.toString(16)}`, pos);
  }
  if (pos > end) throw HessianError.truncated("string", end);
  if (n !== units)
    throw HessianError.malformed("a 4-byte character straddles the string length", pos);
  decodedEnd = pos;
  const value = nativeOk ? buf.toString("utf8", offset, pos) : decodeByHand(buf, offset, pos);
  return pos - offset <= MAX_CACHED_BYTES
    ? rememberString(buf, offset, pos - offset, value)
    : value;
}

function decodeByHand(buf: Buffer, start: number, end: number): string {
  const units: number[] = [];
  let pos = start;
  while (pos < end) {
    const b = buf[pos]!;
    if (b < 0x80) {
      units.push(b);
      pos++;
    } else if ((b & 0xe0) === 0xc0) {
      units.push(((b & 0x1f) << 6) | (buf[pos + 1]! & 0x3f));
      pos += 2;
    } else if ((b & 0xf0) === 0xe0) {
      units.push(((b & 0x0f) << 12) | ((buf[pos + 1]! & 0x3f) << 6) | (buf[pos + 2]! & 0x3f));
      pos += 3;
    } else {
      const cp =
        ((b & 0x07) << 18) |
        ((buf[pos + 1]! & 0x3f) << 12) |
        ((buf[pos + 2]! & 0x3f) << 6) |
        (buf[pos + 3]! & 0x3f);
      const v = cp - 0x10000;
      units.push(0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
      pos += 4;
    }
  }
  let out = "";
  for (let i = 0; i < units.length; i += 8192) {
    out += String.fromCharCode(...units.slice(i, i + 8192));
  }
  return out;
}
