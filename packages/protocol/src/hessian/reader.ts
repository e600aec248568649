import type { JavaType } from "@dubbo-ts/core/spi";
import { type ClassDef, fieldsReaderOf, shapeOf } from "./class-shape.js";
import { DEFAULT_DECODE_LIMITS, type DecodeLimits, type DecodeOptions } from "./decode-options.js";
import { buildMap } from "./decoded-map.js";
import { HessianError } from "./hessian-error.js";
import { tagJavaContainer } from "./java-class-tag.js";
import { R_INT, R_OBJECT, R_STRING, readKindOf } from "./read-kinds.js";
import {
  CODE_KINDS,
  hex,
  K_BINARY,
  K_INT,
  K_LIST_SHORT,
  K_LIST_TYPED_SHORT,
  K_LONG,
  K_OBJECT_SHORT,
  K_STRING,
  ScalarReader,
} from "./scalar-reader.js";

/** The ref slot of a value class instance (a java.time handle) until it resolves. */
const UNRESOLVED: object = Object.freeze(Object.create(null) as object);

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
 * A safe Hessian 2 reader over one message body (HL Hessian2Input grammar), written for hostile
 * input rather than on top of hessian.js's decoder, whose failure modes are listed in
 * docs/hostile-input-and-failures.md C2 (P1–P15):
 * - every read is bounds-checked: truncation and bad codes throw `HessianError`, never TypeError;
 * - nesting depth, object count and collection length are bounded (`DecodeLimits`);
 * - maps and objects are null-prototype objects without `__proto__`/`constructor`/`prototype`
 *   keys, or JS `Map`s; nothing user-defined runs while decoding;
 * - string chunks are read in a loop (no recursion per chunk), refs must exist, dates must be valid;
 * - variable-length lists (0x55/0x57) are supported, unlike hessian.js (P13).
 *
 * Values: int → number; long → number or bigint per `LongPolicy`; double → number; date → Date;
 * binary → Buffer; list/array → array; map → object (string keys) or Map; object → null-prototype
 * object tagged with its class (`javaClassOf`), except `java.math.BigDecimal` → its decimal string,
 * `java.math.BigInteger` → bigint (java-big-integer.ts), hessian-lite's java.time handles → ISO-8601
 * strings (java-time-handles.ts) and registered enums (`defineJavaClass({ enumValues })`) → the constant name.
 */
export class HessianReader extends ScalarReader {
  private readonly limits: DecodeLimits;
  // Created on first use: a string or number body needs none of them.
  private refs: unknown[] | undefined;
  private types: string[] | undefined;
  private classDefs: ClassDef[] | undefined;
  /**
   * Keys and values (alternating) of the maps being read, nested ones above their parents, so
   * that a map costs no key and value lists of its own.
   */
  private entries: unknown[] | undefined;
  private depth = 0;
  private objects = 0;

  constructor(buf: Buffer, offset = 0, end = buf.length, options: DecodeOptions = {}) {
    super(buf, offset, end, options.longs ?? "number");
    this.limits = options.limits ? mergedLimits(options.limits) : DEFAULT_DECODE_LIMITS;
  }

  /** Any value, shaped by the Java type the contract declares for it when known. */
  readValue(expected?: JavaType): unknown {
    let code = this.next("value");
    // A class definition precedes the value that first uses it (Hessian2Input.readObject case 'C').
    while (code === 0x43) {
      this.readClassDef();
      code = this.next("value");
    }
    // One jump on the code's kind (CODE_KINDS) instead of a chain of range tests.
    switch (CODE_KINDS[code]) {
      case K_INT:
        return this.intAfter(code);
      case K_STRING:
        return this.stringAfter(code);
      case K_LONG:
        return this.longAfter(code);
      case K_OBJECT_SHORT:
        return this.objectAfter(code - 0x60);
      case K_LIST_TYPED_SHORT:
        return this.listAfter(code - 0x70, expected, this.readType());
      case K_LIST_SHORT:
        return this.listAfter(code - 0x78, expected);
      case K_BINARY:
        return this.binaryAfter(code);
    }
    switch (code) {
      case 0x4e:
        return null;
      case 0x54:
        return true;
      case 0x46:
        return false;
      case 0x5b:
        return 0;
      case 0x5c:
        return 1;
      case 0x5d:
        this.need(1, "double");
        return this.buf.readInt8(this.pos++);
      case 0x5e:
        this.need(2, "double");
        this.pos += 2;
        return this.buf.readInt16BE(this.pos - 2);
      case 0x5f:
        this.need(4, "double");
        this.pos += 4;
        return 0.001 * this.buf.readInt32BE(this.pos - 4);
      case 0x44:
        this.need(8, "double");
        this.pos += 8;
        return this.buf.readDoubleBE(this.pos - 8);
      case 0x4a:
      case 0x4b:
        return this.dateAfter(code);
      // A typed list or map ("java.util.HashSet") is still an array or map; the type is kept as a tag.
      case 0x48:
        return this.mapAfter(expected);
      case 0x4d:
        return this.mapAfter(expected, this.readType());
      case 0x55:
        return this.listAfter(-1, expected, this.readType());
      case 0x56: {
        const type = this.readType();
        return this.listAfter(this.readLength(), expected, type);
      }
      case 0x57:
        return this.listAfter(-1, expected);
      case 0x58:
        return this.listAfter(this.readLength(), expected);
      case 0x4f:
        return this.objectAfter(this.readInt());
      case 0x51:
        return this.refAfter();
    }
    throw HessianError.malformed(`unexpected code 0x${hex(code)}`, this.pos - 1);
  }

  /** A field of no declared type (handles, unregistered classes): compact ints and objects inline. */
  readAnyField(expected: JavaType | undefined): unknown {
    const pos = this.pos;
    if (pos < this.end) {
      const code = this.buf[pos]!;
      if (code >= 0x80 && code <= 0xbf) {
        this.pos = pos + 1;
        return code - 0x90;
      }
      if (code >= 0x60 && code <= 0x6f) {
        this.pos = pos + 1;
        return this.objectAfter(code - 0x60);
      }
    }
    return this.readValue(expected);
  }

  /** A declared class (DTO, java.time) field: compact object instances (0x60–0x6f) inline. */
  readObjectField(expected: JavaType | undefined): unknown {
    const pos = this.pos;
    if (pos < this.end) {
      const code = this.buf[pos]!;
      if (code >= 0x60 && code <= 0x6f) {
        this.pos = pos + 1;
        return this.objectAfter(code - 0x60);
      }
    }
    return this.readValue(expected);
  }

  /** A declared collection or array field: untyped fixed-length lists (0x78–0x7f, 'X') inline. */
  readListField(expected: JavaType | undefined): unknown {
    const pos = this.pos;
    if (pos < this.end) {
      const code = this.buf[pos]!;
      if (code >= 0x78 && code <= 0x7f) {
        this.pos = pos + 1;
        return this.listAfter(code - 0x78, expected);
      }
      if (code === 0x58) {
        this.pos = pos + 1;
        return this.listAfter(this.readLength(), expected);
      }
    }
    return this.readValue(expected);
  }

  /** Hessian2Input.readType: a type string (added to the type table) or an int index into it. */
  private readType(): string {
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
  private readLength(): number {
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

  private enter(): void {
    if (++this.depth > this.limits.maxDepth) {
      throw HessianError.limit(`nesting deeper than ${this.limits.maxDepth}`);
    }
    this.countObject();
  }

  /**
   * The body's object budget, spent one unit per list, map, object and back-reference as each
   * starts (so a hostile body stops after `maxObjects` allocations, not at its end).
   */
  private countObject(): void {
    if (++this.objects > this.limits.maxObjects) {
      throw HessianError.limit(
        `more than ${this.limits.maxObjects} objects (lists, maps, objects, references) in one body; ` +
          "if real payloads are this large, raise decodeLimits.maxObjects (an option of createDubboProtocol, " +
          "or of the protocol section of createApplication)",
      );
    }
  }

  private listAfter(length: number, expected?: JavaType, type?: string): unknown[] {
    this.enter();
    const element = expected?.component ?? expected?.args[0];
    const list: unknown[] = [];
    // Array types ("[int") follow from the declared type; collection classes are kept.
    if (type !== undefined && !type.startsWith("[")) tagJavaContainer(list, type);
    this.refs ??= [];
    this.refs.push(list);
    if (length >= 0) {
      // One loop per element kind: the fast path is picked once per list, not per element.
      switch (readKindOf(element)) {
        case R_INT:
          for (let i = 0; i < length; i++) list.push(this.readIntField(element));
          break;
        case R_OBJECT:
          for (let i = 0; i < length; i++) list.push(this.readObjectField(element));
          break;
        case R_STRING:
          for (let i = 0; i < length; i++) list.push(this.readStringField(element));
          break;
        default:
          for (let i = 0; i < length; i++) list.push(this.readValue(element));
      }
    } else {
      while (this.peek("list") !== 0x5a) {
        if (list.length >= this.limits.maxCollectionLength) {
          throw HessianError.limit(`a list longer than ${this.limits.maxCollectionLength}`);
        }
        list.push(this.readValue(element));
      }
      this.pos++;
    }
    this.depth--;
    return list;
  }

  private mapAfter(expected?: JavaType, type?: string): unknown {
    this.enter();
    const keyType = expected?.args[0];
    const valueType = expected?.args[1];
    this.refs ??= [];
    const refs = this.refs;
    const slot = refs.length;
    refs.push(null);
    this.entries ??= [];
    const entries = this.entries;
    const from = entries.length;
    while (this.peek("map") !== 0x5a) {
      if (entries.length - from >= 2 * this.limits.maxCollectionLength) {
        entries.length = from;
        throw HessianError.limit(`a map larger than ${this.limits.maxCollectionLength}`);
      }
      entries.push(this.readValue(keyType));
      entries.push(this.readValue(valueType));
    }
    this.pos++;
    this.depth--;
    const result = buildMap(entries, from, keyType);
    entries.length = from;
    if (type !== undefined) tagJavaContainer(result, type);
    refs[slot] = result;
    return result;
  }

  private readClassDef(): void {
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
    this.classDefs ??= [];
    this.classDefs.push({ type, fields });
  }

  private objectAfter(defIndex: number): unknown {
    const def = this.classDefs?.[defIndex];
    if (def === undefined)
      throw HessianError.malformed(`object of undefined class #${defIndex}`, this.pos);
    this.enter();
    def.shape ??= shapeOf(def);
    const shape = def.shape;
    const { kind, proto, value } = shape;
    this.refs ??= [];
    const refs = this.refs;
    const slot = refs.length;
    let obj: Record<string, unknown>;
    if (value === undefined) {
      // Instances share one prototype chain that ends in null: no Object.prototype to poison.
      obj = Object.create(proto);
      refs.push(obj);
      this.readFields(obj, def);
    } else {
      // A value class (java.time handle, BigInteger) never reaches the caller: its fields are
      // read into the shape's scratch record (no object per handle) unless that is in use by
      // an enclosing instance of the same class. Its slot holds UNRESOLVED until it resolves.
      const scratch = shape.scratch;
      obj = scratch !== undefined && !shape.scratchInUse ? scratch : Object.create(proto);
      const owned = obj === scratch;
      if (owned) shape.scratchInUse = true;
      refs.push(UNRESOLVED);
      // Handle and BigInteger fields: longs as bigint whatever the policy (Instant and Duration
      // seconds go beyond 2^53); the resolved value has one type either way.
      const longs = this.longs;
      this.longs = "bigint";
      try {
        // hessian-lite 4 compact LocalDate/LocalTime: exactly one long, whatever the fields say.
        if (value.compact) obj.value = this.readValue();
        else this.readFields(obj, def);
      } finally {
        this.longs = longs;
        if (owned) shape.scratchInUse = false;
      }
    }
    this.depth--;
    // HL BigDecimalDeserializer / EnumDeserializer / a handle's readResolve register the
    // replacement value in the same slot.
    let result: unknown = obj;
    if (kind === "bigdecimal" && typeof obj.value === "string") result = obj.value;
    else if (kind === "enum" && typeof obj.name === "string") result = obj.name;
    else if (value !== undefined) {
      result = value.resolve(obj);
      if (result === undefined) throw HessianError.malformed(`an invalid ${def.type}`, this.pos);
    }
    refs[slot] = result;
    return result;
  }

  private readFields(obj: Record<string, unknown>, def: ClassDef): void {
    const shape = def.shape!;
    const { types, keep } = shape;
    const generated = fieldsReaderOf(shape, def);
    if (generated !== undefined) {
      generated(this, obj, types);
      return;
    }
    const fields = def.fields;
    for (let i = 0; i < fields.length; i++) {
      const value = this.readValue(types[i]);
      if (keep[i]) obj[fields[i]!] = value;
    }
  }

  private refAfter(): unknown {
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
