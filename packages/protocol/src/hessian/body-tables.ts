import { cachedClassDef, keepClassDef } from "./class-def-cache.js";
import type { ClassDef } from "./class-shape.js";
import { DEFAULT_DECODE_LIMITS, type DecodeLimits, type DecodeOptions } from "./decode-options.js";
import { HessianError } from "./hessian-error.js";
import { ScalarReader } from "./scalar-reader.js";

/** The ref slot of a value class instance (a java.time handle) until it resolves. */
export const UNRESOLVED: object = Object.freeze(Object.create(null) as object);

/** The limits of `options.limits` over the defaults, merged once per limits object. */
const merged = new WeakMap<Partial<DecodeLimits>, DecodeLimits>();

function mergedLimits(limits: Partial<DecodeLimits>): DecodeLimits {
  let full = merged.get(limits);
  if (!full) {
    full = { ...DEFAULT_DECODE_LIMITS, ...limits };
    merged.set(limits, full);
  }
  return full;
}

/**
 * The per-body state under HessianReader: the reference, type and class-definition tables
 * (Hessian2Input's _refs, _types, _classDefs), the decode budgets (`DecodeLimits`: depth and
 * object count, spent as values start) and the reads that only touch those tables.
 */
export abstract class BodyTables extends ScalarReader {
  protected readonly limits: DecodeLimits;
  // Created on first use: a string or number body needs none of them.
  protected refs: unknown[] | undefined;
  protected types: string[] | undefined;
  protected classDefs: ClassDef[] | undefined;
  /**
   * Keys and values (alternating) of the maps being read, nested ones above their parents, so
   * that a map costs no key and value lists of its own.
   */
  protected entries: unknown[] | undefined;
  protected depth = 0;
  protected objects = 0;
  /** Back-references read so far, and value instances being read (see valueAfter). */
  protected refReads = 0;
  protected recording = 0;

  constructor(buf: Buffer, offset: number, end: number, options: DecodeOptions) {
    super(buf, offset, end, options.longs ?? "number");
    this.limits = options.limits ? mergedLimits(options.limits) : DEFAULT_DECODE_LIMITS;
  }

  /** Hessian2Input.readType: a type string (added to the type table) or an int index into it. */
  protected readType(): string {
    const code = this.peek("type");
    if (code <= 0x1f || (code >= 0x30 && code <= 0x33) || code === 0x52 || code === 0x53) {
      this.pos++;
      const type = this.stringAfter(code);
      this.types ??= [];
      this.types.push(type);
      return type;
    }
    const ref = this.readInt();
    const type = this.types?.[ref];
    if (type === undefined)
      throw HessianError.malformed(`type reference ${ref} is undefined`, this.pos);
    return type;
  }

  /** A declared collection length, checked before anything is allocated for it. */
  protected readLength(): number {
    const n = this.readInt();
    if (n < 0) throw HessianError.malformed("negative list length", this.pos);
    if (n > this.limits.maxCollectionLength) {
      throw HessianError.limit(
        `a list of ${n} elements (maxCollectionLength ${this.limits.maxCollectionLength})`,
      );
    }
    // Every element takes at least one byte: a longer claim is a lie, not a reason to allocate.
    if (n > this.end - this.pos) throw HessianError.truncated("list", this.pos);
    return n;
  }

  protected enter(): void {
    if (++this.depth > this.limits.maxDepth) {
      throw HessianError.limit(`nesting deeper than ${this.limits.maxDepth}`);
    }
    this.countObject();
  }

  /**
   * The body's object budget, spent one unit per list, map, object and back-reference as each
   * starts (so a hostile body stops after `maxObjects` allocations, not at its end).
   */
  protected countObject(): void {
    if (++this.objects > this.limits.maxObjects) {
      throw HessianError.limit(
        `more than ${this.limits.maxObjects} objects (lists, maps, objects, references) in one body; ` +
          "if real payloads are this large, raise decodeLimits.maxObjects (an option of createDubboProtocol, " +
          "or of the protocol section of createApplication)",
      );
    }
  }

  /** Hessian2Input.readObjectDefinition: a kept definition when its bytes repeat (class-def-cache.ts). */
  protected readClassDef(): void {
    const start = this.pos;
    const hit = cachedClassDef(this.buf, start, this.end);
    if (hit !== undefined && hit.def.fields.length <= this.limits.maxCollectionLength) {
      this.pos = start + hit.bytes.length;
      this.countObject();
      this.classDefs ??= [];
      this.classDefs.push(hit.def);
      return;
    }
    const type = this.readString();
    if (type === null || type === "")
      throw HessianError.malformed("class definition without a name", this.pos);
    const count = this.readInt();
    if (count < 0 || count > this.end - this.pos || count > this.limits.maxCollectionLength) {
      throw HessianError.malformed(`class definition with ${count} fields`, this.pos);
    }
    const fields: string[] = [];
    for (let i = 0; i < count; i++) {
      const f = this.readString();
      if (f === null) throw HessianError.malformed("null field name", this.pos);
      fields.push(f);
    }
    this.countObject();
    const def: ClassDef = { type, fields };
    keepClassDef(this.buf, start, this.pos, def);
    this.classDefs ??= [];
    this.classDefs.push(def);
  }

  protected refAfter(): unknown {
    this.refReads++;
    const ref = this.readInt();
    this.countObject();
    const refs = this.refs;
    if (refs === undefined || ref < 0 || ref >= refs.length)
      throw HessianError.malformed(`reference ${ref} to nothing`, this.pos);
    const target = refs[ref];
    // Java never writes a handle that refers to itself (its fields are new objects).
    if (target === UNRESOLVED)
      throw HessianError.malformed(`reference ${ref} to a value still being read`, this.pos);
    return target;
  }
}
