import { type JavaType, parseJavaType } from "@dubbo-ts/core";
import type { ObjectInput, ObjectOutput, Serialization } from "../serialization.js";
import { type JavaThrowable, throwableObject } from "../throwable.js";
import type { DecodeOptions } from "./decode-options.js";
import { HessianError } from "./hessian-error.js";
import { HessianReader } from "./reader.js";
import { TypedWriter } from "./typed-writer.js";
import { HessianWriter } from "./writer.js";

const ATTACHMENTS: JavaType = parseJavaType("java.util.Map<java.lang.String, java.lang.Object>");

/** hessian2, content-type id 2 (`Hessian2Serialization.getContentTypeId()`), Dubbo's default. */
export const hessian2Serialization: Serialization = {
  id: 2,
  name: "hessian2",
  createOutput(reserve: number): ObjectOutput {
    return new Hessian2Output(reserve);
  },
  createInput(buf: Buffer, offset: number, end: number, options?: DecodeOptions): ObjectInput {
    return new Hessian2Input(new HessianReader(buf, offset, end, options));
  },
};

/** One Hessian2Output per body, as Dubbo's Hessian2ObjectOutput: refs and class tables per body. */
class Hessian2Output implements ObjectOutput {
  private readonly out: HessianWriter;
  private readonly typed: TypedWriter;
  private genericTyped: TypedWriter | undefined;

  constructor(reserve: number) {
    this.out = new HessianWriter(reserve);
    this.typed = new TypedWriter(this.out);
  }

  get length(): number {
    return this.out.length;
  }

  writeUTF(value: string | null): void {
    if (value === null) this.out.writeNull();
    else this.out.writeString(value);
  }

  writeInt(value: number): void {
    this.out.writeInt(value);
  }

  writeObject(
    value: unknown,
    type: string | JavaType | undefined,
    what: string,
    generic = false,
  ): void {
    if (generic) this.genericTyped ??= new TypedWriter(this.out, true);
    (generic ? this.genericTyped! : this.typed).write(value, type, what);
  }

  writeThrowable(throwable: JavaThrowable): void {
    const { def, value } = throwableObject(throwable);
    this.typed.writeObjectAs(value, def, "exception");
  }

  writeAttachments(attachments: Record<string, unknown>): void {
    this.typed.write(attachments, ATTACHMENTS, "attachments");
  }

  toBuffer(): Buffer {
    return this.out.toBuffer();
  }
}

class Hessian2Input implements ObjectInput {
  constructor(private readonly reader: HessianReader) {}

  get atEnd(): boolean {
    return this.reader.atEnd;
  }

  readUTF(): string | null {
    return this.reader.readString();
  }

  readInt(): number {
    return this.reader.readInt();
  }

  readObject(type?: string | JavaType): unknown {
    return this.reader.readValue(typeof type === "string" ? parseJavaType(type) : type);
  }

  readAttachments(): Record<string, unknown> {
    const value = this.reader.readValue(ATTACHMENTS);
    if (value === null) return Object.create(null);
    // Decoded string-keyed maps are null-prototype objects; anything else is not attachments.
    if (
      typeof value !== "object" ||
      Array.isArray(value) ||
      Object.getPrototypeOf(value) !== null
    ) {
      throw HessianError.malformed("attachments are not a map with string keys", this.reader.pos);
    }
    return value as Record<string, unknown>;
  }
}
