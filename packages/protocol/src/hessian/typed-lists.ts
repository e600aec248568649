import { type JavaType, parseJavaType } from "@dubbo-ts/core/spi";
import { javaContainerOf } from "./java-class-tag.js";
import { arrayTypeOf, PRIMITIVE_ARRAY_TYPES } from "./java-collections.js";
import { at, mismatch, toArray, toBytes } from "./write-checks.js";
import { type FieldSink, planOf, W_CLASS, W_INT, W_STRING } from "./write-plan.js";

// Java arrays and collections as TypedWriter writes them (HL BasicSerializer, CollectionSerializer):
// the list header, then each element as the declared element type.

const OBJECT: JavaType = parseJavaType("java.lang.Object");

/** A Java array `t`: byte[] as binary, char[] as a string, others as a typed list. */
export function writeJavaArray(tw: FieldSink, value: unknown, t: JavaType, what: string): void {
  const component = t.component!;
  if (component.name === "byte" && !component.component) {
    if (value instanceof Uint8Array) {
      tw.out.writeBinary(value);
      return;
    }
    if (Array.isArray(value)) {
      tw.out.writeBinary(toBytes(value, what));
      return;
    }
    throw mismatch(what, t, value);
  }
  if (component.name === "char" && !component.component) {
    // HL BasicSerializer CHARACTER_ARRAY: a char[] is written as one string.
    if (typeof value !== "string") throw mismatch(what, t, value);
    tw.out.writeString(value);
    return;
  }
  const items = toArray(value, what, t);
  if (tw.out.addRef(value as object)) return;
  let dims = 1;
  let base = component;
  while (base.component) {
    base = base.component;
    dims++;
  }
  const type =
    dims === 1 && !base.component && PRIMITIVE_ARRAY_TYPES[base.name]
      ? PRIMITIVE_ARRAY_TYPES[base.name]!
      : arrayTypeOf(base.name, dims);
  tw.out.writeListBegin(items.length, type);
  if (dims === 1 && base.name === "float") {
    // HL BasicSerializer FLOAT_ARRAY widens each float to a double.
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      if (typeof v !== "number") throw at(mismatch("", base, v), `${what}[${i}]`);
      tw.out.writeDouble(Math.fround(v));
    }
    return;
  }
  writeItems(tw, items, component, what);
}

/** A list or collection (W_LIST) of `element`s, `value` checked here. */
export function writeJavaList(
  tw: FieldSink,
  value: unknown,
  listType: string | null,
  element: JavaType | undefined,
  what: string,
): void {
  const items = toArray(value, what, undefined);
  if (tw.out.addRef(value as object)) return;
  // A list decoded from Java keeps its runtime class (e.g. java.util.Arrays$ArrayList).
  tw.out.writeListBegin(items.length, javaContainerOf(value) ?? listType);
  writeItems(tw, items, element, what);
}

/** Elements of a list or array; an error names the element's index (built only on error). */
function writeItems(
  tw: FieldSink,
  items: readonly unknown[],
  element: JavaType | undefined,
  what: string,
): void {
  const t = element ?? OBJECT;
  const plan = planOf(t);
  const out = tw.out;
  let i = 0;
  try {
    // The common element kinds written directly when the value has the expected JS type (what
    // writeAs does for it); anything else goes through writeAs, which writes or reports it.
    switch (plan.kind) {
      case W_INT:
        for (; i < items.length; i++) {
          const v = items[i];
          if (typeof v === "number" && (v | 0) === v) out.writeInt(v);
          else tw.writeAs(v, t, plan, "");
        }
        return;
      case W_STRING:
        for (; i < items.length; i++) {
          const v = items[i];
          if (typeof v === "string") out.writeString(v);
          else tw.writeAs(v, t, plan, "");
        }
        return;
      case W_CLASS:
        for (; i < items.length; i++) {
          const v = items[i];
          if (typeof v === "object" && v !== null) tw.writeDeclared(v, t, plan, "");
          else tw.writeAs(v, t, plan, "");
        }
        return;
    }
    for (; i < items.length; i++) tw.writeAs(items[i], t, plan, "");
  } catch (e) {
    throw at(e, `${what}[${i}]`);
  }
}
