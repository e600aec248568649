import type { JavaType } from "@dubbo-ts/core/spi";
import { BodyTables, UNRESOLVED } from "./body-tables.js";
import { type ClassDef, type ClassShape, fieldsReaderOf, shapeOf } from "./class-shape.js";
import type { DecodeOptions } from "./decode-options.js";
import { buildMap } from "./decoded-map.js";
import { HessianError } from "./hessian-error.js";
import { tagJavaContainer } from "./java-class-tag.js";
import type { ValueClass } from "./java-time-handles.js";
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
} from "./scalar-reader.js";
import { logUsed, usedLog, type ValueMemo, ValueMemos } from "./value-memo.js";

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
 *
 * What recurs from body to body is kept across bodies in fixed-size tables that hostile input can
 * only make miss, and a hit gives exactly what reading would: short strings (string-cache.ts),
 * class definitions (class-def-cache.ts), instances of value classes (value-memo.ts). Declared
 * field types pick a fast path for their commonest code (read-kinds.ts).
 */
export class HessianReader extends BodyTables {
  constructor(buf: Buffer, offset = 0, end = buf.length, options: DecodeOptions = {}) {
    super(buf, offset, end, options);
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

  private listAfter(length: number, expected?: JavaType, type?: string): unknown[] {
    this.enter();
    const element = expected?.component ?? expected?.args[0];
    // A declared length is checked against the bytes left (readLength): allocated at once.
    const list: unknown[] = length > 0 ? new Array(length) : [];
    // Array types ("[int") follow from the declared type; collection classes are kept.
    if (type !== undefined && !type.startsWith("[")) tagJavaContainer(list, type);
    this.refs ??= [];
    this.refs.push(list);
    if (length >= 0) {
      // One loop per element kind: the fast path is picked once per list, not per element.
      switch (readKindOf(element)) {
        case R_INT: {
          // One- and two-byte ints (0x80–0xcf) in a local loop; the rest as readIntField does.
          const buf = this.buf;
          const end = this.end;
          let pos = this.pos;
          let i = 0;
          for (; i < length && pos + 1 < end; i++) {
            const code = buf[pos]!;
            if (code >= 0x80 && code <= 0xbf) {
              list[i] = code - 0x90;
              pos++;
            } else if (code >= 0xc0 && code <= 0xcf) {
              list[i] = ((code - 0xc8) << 8) | buf[pos + 1]!;
              pos += 2;
            } else break;
          }
          this.pos = pos;
          for (; i < length; i++) list[i] = this.readIntField(element);
          break;
        }
        case R_OBJECT:
          for (let i = 0; i < length; i++) list[i] = this.readObjectField(element);
          break;
        case R_STRING:
          for (let i = 0; i < length; i++) list[i] = this.readStringField(element);
          break;
        default:
          for (let i = 0; i < length; i++) list[i] = this.readValue(element);
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

  private objectAfter(defIndex: number): unknown {
    const def = this.classDefs?.[defIndex];
    if (def === undefined)
      throw HessianError.malformed(`object of undefined class #${defIndex}`, this.pos);
    if (this.recording > 0) logUsed(defIndex);
    def.shape ??= shapeOf(def);
    const shape = def.shape;
    const { kind, proto, value } = shape;
    if (value !== undefined) return this.valueAfter(def, shape, value);
    this.enter();
    this.refs ??= [];
    const refs = this.refs;
    const slot = refs.length;
    // Instances share one prototype chain that ends in null: no Object.prototype to poison.
    const Instance = shape.Instance;
    const obj: Record<string, unknown> =
      Instance !== undefined ? new Instance() : Object.create(proto);
    refs.push(obj);
    this.readFields(obj, def);
    this.depth--;
    // HL BigDecimalDeserializer / EnumDeserializer register the replacement value in the same slot.
    let result: unknown = obj;
    if (kind === "bigdecimal" && typeof obj.value === "string") result = obj.value;
    else if (kind === "enum" && typeof obj.name === "string") result = obj.name;
    refs[slot] = result;
    return result;
  }

  /**
   * An instance of a value class (java.time handle, BigInteger): never reaches the caller, its
   * resolved value does. A repeat of the shape's last instance is replayed from its memo
   * (value-memo.ts); otherwise its fields are read into the shape's scratch record (no object
   * per handle) unless that is in use by an enclosing instance of the same class. Its slot holds
   * UNRESOLVED until it resolves (a handle's readResolve registers the value in the same slot).
   */
  private valueAfter(def: ClassDef, shape: ClassShape, value: ValueClass): unknown {
    const start = this.pos;
    const memo = shape.memos?.find(this.buf, start, this.end);
    if (memo !== undefined && this.replays(memo)) {
      this.pos = start + memo.length;
      this.objects += memo.objects;
      this.refs ??= [];
      const refs = this.refs;
      for (let i = 0; i < memo.refCount; i++) refs.push(memo.refs[i]);
      if (this.recording > 0) for (let i = 0; i < memo.defCount; i++) logUsed(memo.defs[i]!);
      return memo.result;
    }
    const objects = this.objects;
    const refReads = this.refReads;
    const tables = (this.types?.length ?? 0) + (this.classDefs?.length ?? 0);
    const usedFrom = usedLog.count;
    this.enter();
    this.refs ??= [];
    const refs = this.refs;
    const slot = refs.length;
    const scratch = shape.scratch;
    const obj = scratch !== undefined && !shape.scratchInUse ? scratch : Object.create(shape.proto);
    const owned = obj === scratch;
    if (owned) shape.scratchInUse = true;
    refs.push(UNRESOLVED);
    // Handle and BigInteger fields: longs as bigint whatever the policy (Instant and Duration
    // seconds go beyond 2^53); the resolved value has one type either way.
    const longs = this.longs;
    this.longs = "bigint";
    this.recording++;
    try {
      // hessian-lite 4 compact LocalDate/LocalTime: exactly one long, whatever the fields say.
      if (value.compact) obj.value = this.readValue();
      else this.readFields(obj, def);
    } finally {
      this.recording--;
      this.longs = longs;
      if (owned) shape.scratchInUse = false;
    }
    this.depth--;
    const result = value.resolve(obj);
    if (result === undefined) throw HessianError.malformed(`an invalid ${def.type}`, this.pos);
    refs[slot] = result;
    if (
      shape.memos?.resting !== true &&
      !usedLog.lost &&
      refReads === this.refReads &&
      tables === (this.types?.length ?? 0) + (this.classDefs?.length ?? 0)
    ) {
      shape.memos ??= new ValueMemos();
      shape.memos.keep({
        buf: this.buf,
        start,
        end: this.pos,
        result,
        objects: this.objects - objects,
        refs,
        slot,
        used: usedLog.defs,
        usedFrom,
        usedTo: usedLog.count,
        classDefs: this.classDefs!,
      });
    }
    if (this.recording === 0) {
      usedLog.count = 0;
      usedLog.lost = false;
    }
    return result;
  }

  /** Whether a memo's bytes (already matched) replay here: same nested shapes, within the limits. */
  private replays(memo: ValueMemo): boolean {
    const { defs, shapes, defCount } = memo;
    if (this.depth + 1 + defCount > this.limits.maxDepth) return false;
    if (this.objects + memo.objects > this.limits.maxObjects) return false;
    if (memo.checkedIn === this.classDefs) return true;
    for (let i = 0; i < defCount; i++) {
      const def = this.classDefs![defs[i]!];
      if (def === undefined) return false;
      def.shape ??= shapeOf(def);
      if (def.shape !== shapes[i]) return false;
    }
    memo.checkedIn = this.classDefs;
    return true;
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
}
