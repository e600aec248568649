import type { JavaType } from "@dubbo-ts/core/spi";
import type { DecodeOptions } from "./hessian/decode-options.js";
import type { JavaThrowable } from "./throwable.js";

/**
 * Java's `Serialization` SPI, reduced to what the Dubbo codec needs: a content-type id (the low 5
 * bits of header byte 2) and a stream writer/reader per message body. hessian2 (id 2) is the one
 * implemented; a second serialization plugs in here without touching the codecs.
 */
export interface Serialization {
  /** Content-type id, e.g. 2 for hessian2 (dubbo-serialization-api Constants.java). */
  readonly id: number;
  readonly name: string;
  /** A body writer whose buffer keeps `reserve` bytes in front for the frame header. */
  createOutput(reserve: number): ObjectOutput;
  /** A body reader over `buf[offset, end)`. */
  createInput(buf: Buffer, offset: number, end: number, options?: DecodeOptions): ObjectInput;
}

/** Dubbo's `ObjectOutput` as the codec uses it (Hessian2ObjectOutput). */
export interface ObjectOutput {
  /** `writeUTF`: a string (or null). */
  writeUTF(value: string | null): void;
  /** `writeInt`; Dubbo's `writeByte` of the response flag is this too (Hessian2ObjectOutput). */
  writeInt(value: number): void;
  /** `writeObject` of a value declared as Java type `type` (undefined = java.lang.Object). */
  writeObject(value: unknown, type: string | JavaType | undefined, what: string): void;
  /**
   * `writeObject` of `PojoUtils.generalize(value)` for a value declared as `type`: what Java's
   * GenericFilter sends for a generic call (DTOs as HashMaps with a "class" key, enums as names),
   * written from the typed value so that every leaf keeps its Java type.
   */
  writeGeneralized(value: unknown, type: string | JavaType | undefined, what: string): void;
  /** `writeThrowable`: a business exception as the Java exception object (ThrowableSerializer). */
  writeThrowable(throwable: JavaThrowable): void;
  /**
   * `writeAttachments`: a `HashMap<String, Object>`, entries in Java HashMap iteration order.
   * With `fixed`, one map holding `fixed`'s entries, then those of `attachments` whose key is not
   * in `fixed`, in insertion order (Java reads a request's attachments into a HashMap, so their
   * order does not matter there). `fixed` is meant to be the same object on many calls (the
   * invoker's path/interface/version/timeout…): its encoding may be cached by object identity, so
   * it must never be mutated.
   */
  writeAttachments(
    attachments: Record<string, unknown>,
    fixed?: Readonly<Record<string, string>>,
  ): void;
  /** Bytes of the body written so far. */
  readonly length: number;
  /** Reserved prefix + body, one buffer. */
  toBuffer(): Buffer;
}

/** Dubbo's `ObjectInput` as the codec uses it. Reads throw `HessianError` on bad input. */
export interface ObjectInput {
  readUTF(): string | null;
  readInt(): number;
  readObject(type?: string | JavaType): unknown;
  /** A `Map<String, Object>` as a null-prototype object. */
  readAttachments(): Record<string, unknown>;
  readonly atEnd: boolean;
}
