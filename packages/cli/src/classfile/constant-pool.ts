import { type ByteReader, decodeModifiedUtf8 } from "./byte-reader.js";

/** One constant-pool entry, kept only as far as contracts need it (JVMS §4.4). */
type Entry =
  | { readonly tag: "utf8"; readonly value: string }
  | { readonly tag: "class"; readonly nameIndex: number }
  | { readonly tag: "other" };

/**
 * The constant pool of one class file. Only `Utf8` and `Class` entries are kept (names,
 * descriptors, signatures); every other tag is skipped by its size. `Long` and `Double` take two
 * slots, as JVMS §4.4.5 says ("in retrospect, making 8-byte constants take two constant pool
 * entries was a poor choice").
 */
export class ConstantPool {
  private constructor(
    private readonly entries: readonly (Entry | undefined)[],
    private readonly what: string,
  ) {}

  static read(r: ByteReader, what: string): ConstantPool {
    const count = r.u2();
    const entries: (Entry | undefined)[] = [undefined];
    for (let i = 1; i < count; i++) {
      const tag = r.u1();
      switch (tag) {
        case 1:
          entries.push({ tag: "utf8", value: decodeModifiedUtf8(r.take(r.u2())) });
          break;
        case 7:
          entries.push({ tag: "class", nameIndex: r.u2() });
          break;
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          r.skip(2);
          entries.push({ tag: "other" });
          break;
        case 15: // MethodHandle
          r.skip(3);
          entries.push({ tag: "other" });
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          r.skip(4);
          entries.push({ tag: "other" });
          break;
        case 5: // Long
        case 6: // Double
          r.skip(8);
          entries.push({ tag: "other" }, undefined);
          i++;
          break;
        default:
          throw new RangeError(
            `${what}: unknown constant-pool tag ${tag} at entry ${i}; is it a valid class file?`,
          );
      }
    }
    return new ConstantPool(entries, what);
  }

  /** The text of a `CONSTANT_Utf8` entry. */
  utf8(index: number): string {
    const e = this.entries[index];
    if (e?.tag !== "utf8") {
      throw new RangeError(`${this.what}: constant ${index} is not a Utf8 entry`);
    }
    return e.value;
  }

  /** The internal name (`com/jd/pojo/TbBrand`) of a `CONSTANT_Class` entry; index 0 → undefined. */
  className(index: number): string | undefined {
    if (index === 0) return undefined;
    const e = this.entries[index];
    if (e?.tag !== "class") {
      throw new RangeError(`${this.what}: constant ${index} is not a Class entry`);
    }
    return this.utf8(e.nameIndex);
  }
}
