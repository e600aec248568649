import { sameBytes } from "./string-cache.js";

/** Instances longer than this (in bytes, after their class reference) are not memoized. */
const MAX_MEMO_BYTES = 64;
/** Nested instances a memoized instance may hold (a LocalDateTimeHandle has two). */
const MAX_MEMO_NESTED = 8;

/**
 * The last instance of a value class (a java.time handle, BigInteger) read with one shape, kept
 * with its bytes: the same date or time arrives again and again in a page of records (Java writes
 * a new handle for every field), and reading its fields into a record and resolving them to text
 * was most of a handle's cost. A later instance whose bytes (after its class reference) equal the
 * kept ones, and whose nested class references still name the same shapes, is the same value:
 * reading is a function of those bytes and shapes alone, because an instance is only kept when
 * reading it had no other input and no other effect — no back-reference ('Q') read, no class
 * definition or type added to the body's tables — and every reference slot it took holds a
 * primitive (the resolved texts; never an object a caller could later share between bodies).
 * A replay takes the same reference slots and counts the same objects as the read did.
 *
 * A shape keeps its last MEMOS_PER_SHAPE instances (`ValueMemos`), overwritten in place: hostile
 * input can only make them miss.
 */
export class ValueMemo {
  private readonly bytes = new Uint8Array(MAX_MEMO_BYTES);
  private readonly view = new DataView(this.bytes.buffer);
  /** Bytes of the kept instance; 0 while none is kept. */
  length = 0;
  result: unknown;
  /** The values of the reference slots the instance took (`refs[0, refCount)`), its own first. */
  readonly refs: unknown[] = new Array(MAX_MEMO_NESTED + 1).fill(undefined);
  refCount = 0;
  /** Class definition indices of the nested instances and the shapes they named (`[0, defCount)`). */
  readonly defs = new Int32Array(MAX_MEMO_NESTED);
  /** The shapes (class-shape.ts ClassShape), compared by identity only. */
  readonly shapes: (object | undefined)[] = new Array(MAX_MEMO_NESTED).fill(undefined);
  defCount = 0;
  /** Objects the read counted against `maxObjects`. */
  objects = 0;
  /**
   * The class-definition table (one per body) the nested shapes were last checked against: its
   * entries never change once added, so one check per body and memo is enough.
   */
  checkedIn: object | undefined;

  /** True when the `length` bytes at `pos` (within `end`) are the kept instance's. */
  matches(buf: Buffer, pos: number, end: number): boolean {
    const length = this.length;
    if (length === 0 || pos + length > end) return false;
    return sameBytes(buf, pos, this.bytes, this.view, 0, length);
  }

  /**
   * Keeps the instance just read if it qualifies: at most MAX_MEMO_BYTES bytes and
   * MAX_MEMO_NESTED nested instances, primitive reference slots. The caller has checked that the
   * read had no other input or effect.
   */
  keep(read: MemoRead): void {
    const { buf, start, end, refs, slot, used, usedFrom, usedTo, classDefs } = read;
    const length = end - start;
    if (length <= 0 || length > MAX_MEMO_BYTES || usedTo - usedFrom > MAX_MEMO_NESTED) return;
    if (refs.length - slot > MAX_MEMO_NESTED + 1) return;
    for (let i = slot; i < refs.length; i++) {
      const v = refs[i];
      if ((typeof v === "object" && v !== null) || typeof v === "function") return;
    }
    this.length = 0;
    const bytes = this.bytes;
    for (let i = 0; i < length; i++) bytes[i] = buf[start + i]!;
    for (let i = slot; i < refs.length; i++) this.refs[i - slot] = refs[i];
    this.refCount = refs.length - slot;
    for (let i = usedFrom; i < usedTo; i++) {
      const shape = classDefs[used[i]!]?.shape;
      if (shape === undefined) return;
      this.defs[i - usedFrom] = used[i]!;
      this.shapes[i - usedFrom] = shape;
    }
    this.defCount = usedTo - usedFrom;
    this.checkedIn = undefined;
    this.result = read.result;
    this.objects = read.objects;
    this.length = length;
  }
}

/** Distinct instances kept per shape (a user's birthday and its creation date alternate). */
const MEMOS_PER_SHAPE = 4;

/** The instances kept for one value-class shape, replaced in turn. */
/**
 * Consecutive misses after which a shape's memos rest (its instances do not repeat: distinct
 * timestamps), and for how many instances: resting costs one decrement per instance instead of a
 * search and a copy, and the memos are tried again afterwards.
 */
const MAX_MISSES = 32;
const REST = 512;

export class ValueMemos {
  private readonly memos: ValueMemo[] = [];
  private next = 0;
  /** The memo that matched last, tried first (a page repeats one date-time many times). */
  private last = 0;
  private misses = 0;
  private rest = 0;

  /** True while resting: the caller neither searches nor keeps. */
  get resting(): boolean {
    return this.rest > 0;
  }

  /** The kept instance whose bytes are at `pos`, if any (always none while resting). */
  find(buf: Buffer, pos: number, end: number): ValueMemo | undefined {
    if (this.rest > 0) {
      this.rest--;
      return undefined;
    }
    const memos = this.memos;
    const last = memos[this.last];
    if (last?.matches(buf, pos, end)) {
      this.misses = 0;
      return last;
    }
    for (let i = 0; i < memos.length; i++) {
      if (i !== this.last && memos[i]!.matches(buf, pos, end)) {
        this.last = i;
        this.misses = 0;
        return memos[i];
      }
    }
    if (++this.misses >= MAX_MISSES) {
      this.misses = 0;
      this.rest = REST;
    }
    return undefined;
  }

  /** Keeps the read in the next memo in turn (see `ValueMemo.keep`). */
  keep(read: MemoRead): void {
    let memo = this.memos[this.next];
    if (memo === undefined) {
      memo = new ValueMemo();
      this.memos.push(memo);
    }
    this.next = (this.next + 1) % MEMOS_PER_SHAPE;
    memo.keep(read);
  }
}

/** What `ValueMemo.keep` needs to know about the read it keeps. */
export interface MemoRead {
  readonly buf: Buffer;
  /** The instance's bytes, after its class reference. */
  readonly start: number;
  readonly end: number;
  readonly result: unknown;
  /** Objects counted while reading it. */
  readonly objects: number;
  /** The body's reference table, and the first slot the instance took. */
  readonly refs: readonly unknown[];
  readonly slot: number;
  /** Class definition indices named by nested instances: `used[usedFrom, usedTo)`. */
  readonly used: readonly number[];
  readonly usedFrom: number;
  readonly usedTo: number;
  /** The body's class definitions (class-shape.ts ClassDef) with their shapes. */
  readonly classDefs: readonly { readonly shape?: object | undefined }[];
}

/**
 * Class definition indices named by the instances read while a value instance is being recorded
 * (HessianReader.valueAfter), nested recordings above their parents: `defs[0, count)`. One log
 * for every reader (decoding is synchronous; each recording only looks at what it added), reset
 * when the outermost recording ends. It stops at MAX_USED entries and then records that it lost
 * some (`lost`): nothing is kept until the reset.
 */
export const usedLog = { defs: [] as number[], count: 0, lost: false };
const MAX_USED = 64;

export function logUsed(defIndex: number): void {
  if (usedLog.count < MAX_USED) usedLog.defs[usedLog.count++] = defIndex;
  else usedLog.lost = true;
}
