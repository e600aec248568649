import { type JavaType, parseJavaType } from "@dubbo-ts/core/spi";
import type { ObjectInput, ObjectOutput, Serialization } from "../serialization.js";
import { type JavaThrowable, throwableObject } from "../throwable.js";
import type { DecodeOptions } from "./decode-options.js";
import { HessianError } from "./hessian-error.js";
import { javaHashMapOrder } from "./java-hash-order.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

const ATTACHMENTS: JavaType = parseJavaType("java.util.Map<java.lang.String, java.lang.Object>");
const STRING: JavaType = parseJavaType("java.lang.String");
const OBJECT: JavaType = parseJavaType("java.lang.Object");

/**
 * The entries (no 'H'/'Z') of fixed attachment maps, by object identity, in Java HashMap order
 * among themselves: a request with no other attachments has the bytes a Java consumer writes.
 * Only strings, which hessian never references, so the bytes are valid in any body.
 */
const fixedEntries = new WeakMap<object, Buffer>();

function entriesOf(fixed: Readonly<Record<string, string>>): Buffer {
  let bytes = fixedEntries.get(fixed);
  if (!bytes) {
    const out = new HessianWriter(0);
    const keys = Object.keys(fixed);
    for (const i of javaHashMapOrder(keys)) {
      const key = keys[i]!;
      const value = fixed[key];
      if (typeof value !== "string") {
        throw new TypeError(`fixed attachment ${key} must be a string, got ${typeof value}`);
      }
      out.writeString(key);
      out.writeString(value);
    }
    bytes = Buffer.from(out.toBuffer());
    fixedEntries.set(fixed, bytes);
  }
  return bytes;
}

/** hessian2, content-type id 2 (`Hessian2Serialization.getContentTypeId()`), Dubbo's default. */
export const hessian2Serialization: Serialization = {
  id: 2,
  name: "hessian2",
  createOutput(reserve: number): ObjectOutput {
    return new Hessian2Output(reserve);
  },
  createInput(buf: Buffer, offset: number, end: number, options?: DecodeOptions): ObjectInput {
    return new Hessian2Input(buf, offset, end, options);
  },
};

/**
 * One Hessian2Output per body, as Dubbo's Hessian2ObjectOutput: refs and class tables per body.
 * It is the body's HessianWriter itself (one object fewer per message than wrapping one).
 */
class Hessian2Output extends HessianWriter implements ObjectOutput {
  private readonly typed: TypedWriter;
  private genericTyped: TypedWriter | undefined;

  constructor(reserve: number) {
    super(reserve);
    this.typed = new TypedWriter(this);
  }

  writeUTF(value: string | null): void {
    if (value === null) this.writeNull();
    else this.writeString(value);
  }

  writeObject(value: unknown, type: string | JavaType | undefined, what: string): void {
    this.typed.write(value, type, what);
  }

  writeGeneralized(value: unknown, type: string | JavaType | undefined, what: string): void {
    this.genericTyped ??= new TypedWriter(this, true);
    this.genericTyped.write(value, type, what);
  }

  writeThrowable(throwable: JavaThrowable): void {
    const { def, value } = throwableObject(throwable);
    this.typed.writeObjectAs(value, def, "exception");
  }

  writeAttachments(
    attachments: Record<string, unknown>,
    fixed?: Readonly<Record<string, string>>,
  ): void {
    if (!fixed) {
      this.typed.write(attachments, ATTACHMENTS, "attachments");
      return;
    }
    // The map takes a reference number, as in TypedWriter.writeMap (a value below may be a ref).
    this.addRef(fixed);
    this.writeMapBegin(null);
    this.writeRaw(entriesOf(fixed));
    for (const key in attachments) {
      if (!Object.hasOwn(attachments, key) || Object.hasOwn(fixed, key)) continue;
      this.typed.write(key, STRING, "attachments key");
      this.typed.write(attachments[key], OBJECT, `attachment ${key}`);
    }
    this.writeMapEnd();
  }
}

/** The body's HessianReader itself, with Dubbo's ObjectInput calls (Hessian2ObjectInput). */
class Hessian2Input extends HessianReader implements ObjectInput {
  readUTF(): string | null {
    return this.readString();
  }

  readObject(type?: string | JavaType): unknown {
    return this.readValue(typeof type === "string" ? parseJavaType(type) : type);
  }

  readAttachments(): Record<string, unknown> {
    const value = this.readValue(ATTACHMENTS);
    if (value === null) return Object.create(null);
    // Decoded string-keyed maps are null-prototype objects; anything else is not attachments.
    if (
      typeof value !== "object" ||
      Array.isArray(value) ||
      Object.getPrototypeOf(value) !== null
    ) {
      throw HessianError.malformed("attachments are not a map with string keys", this.pos);
    }
    return value as Record<string, unknown>;
  }
}
