import { javaClassGeneration } from "@dubbo-ts/core/spi";
import type { ClassDef } from "./class-shape.js";
import { sameBytes } from "./string-cache.js";

/**
 * Class definitions ('C' type, field count, field names) read lately, by their bytes: every
 * response carries its class definitions again (hessian's tables are per body), so the same
 * bytes arrive in every frame. A definition whose bytes equal a kept one's is that definition:
 * the kept `ClassDef` object is reused with its shape and generated reader (class-shape.ts), for
 * one comparison instead of reading a dozen strings and looking the shape up. A kept definition
 * is only reused while the class registry's generation is the one it was read under (a shape
 * follows the registered classes).
 *
 * Fixed size, 2-way set associative by a hash of the bytes of the class name: hostile input can
 * only make it miss.
 */
const SETS = 256;
/** Definitions longer than this are read every time. */
const MAX_DEF_BYTES = 2048;

interface Kept {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly def: ClassDef;
  readonly generation: number;
}

const kept: (Kept | undefined)[] = new Array(SETS * 2).fill(undefined);
const lastWay = new Uint8Array(SETS);

/**
 * The first way of the set for the definition at `start`, from the class name's length and a few
 * of its bytes (all inside the definition: a name takes at least one byte per unit), or -1 when
 * the name is not a short string.
 */
function setOf(buf: Buffer, start: number, end: number): number {
  const code = buf[start]!;
  let units: number;
  let from: number;
  if (code <= 0x1f) {
    units = code;
    from = start + 1;
  } else if (code >= 0x30 && code <= 0x33 && start + 1 < end) {
    units = ((code - 0x30) << 8) | buf[start + 1]!;
    from = start + 2;
  } else return -1;
  if (units < 8 || from + units > end) return -1;
  let hash = Math.imul(units, 31) + buf[from + units - 1]!;
  hash = Math.imul(hash, 31) + buf[from + units - 5]!;
  hash = Math.imul(hash, 31) + buf[from + units - 8]!;
  hash = Math.imul(hash, 31) + buf[from + (units >> 1)]!;
  hash = (Math.imul(hash, 31) + buf[from + (units >> 2)]!) | 0;
  return ((hash ^ (hash >>> 9)) & (SETS - 1)) << 1;
}

function matches(entry: Kept | undefined, buf: Buffer, start: number, end: number): boolean {
  if (entry === undefined || entry.generation !== javaClassGeneration()) return false;
  const length = entry.bytes.length;
  return start + length <= end && sameBytes(buf, start, entry.bytes, entry.view, 0, length);
}

/**
 * The kept definition whose bytes are at `start` (the byte after 'C'), if any; it ends
 * `def.bytes` bytes later.
 */
export function cachedClassDef(
  buf: Buffer,
  start: number,
  end: number,
): { readonly def: ClassDef; readonly bytes: Uint8Array } | undefined {
  const set = setOf(buf, start, end);
  if (set < 0) return undefined;
  let way = set;
  if (!matches(kept[way], buf, start, end)) {
    way = set + 1;
    if (!matches(kept[way], buf, start, end)) return undefined;
  }
  lastWay[set >> 1] = way - set;
  return kept[way];
}

/** Keeps `def`, read from `buf[start, end)`, in the way of its set not used last. */
export function keepClassDef(buf: Buffer, start: number, end: number, def: ClassDef): void {
  const set = setOf(buf, start, end);
  if (set < 0 || end - start > MAX_DEF_BYTES) return;
  const victim = lastWay[set >> 1]! ^ 1;
  lastWay[set >> 1] = victim;
  const bytes = new Uint8Array(buf.subarray(start, end));
  kept[set + victim] = {
    bytes,
    view: new DataView(bytes.buffer),
    def,
    generation: javaClassGeneration(),
  };
}
