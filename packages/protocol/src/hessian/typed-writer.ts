import {
  getJavaClass,
  getJavaClassOf,
  type JavaClassDefinition,
  type JavaType,
  javaClassGeneration,
  parseJavaType,
} from "@dubbo-ts/core/spi";
import { HessianError } from "./hessian-error.js";
import { writeBigDecimal } from "./java-big-decimal.js";
import { writeBigInteger } from "./java-big-integer.js";
import { javaClassOf, javaContainerOf, tagJavaClass } from "./java-class-tag.js";
import { fieldTypesOf, javaFieldOrder } from "./java-field-order.js";
import { javaHashMapOrder, javaMapOrder } from "./java-hash-order.js";
import { toJavaInt, toJavaLong } from "./java-long.js";
import { writeJavaTime } from "./java-time.js";
import { writeJavaArray, writeJavaList } from "./typed-lists.js";
import { at, enumIdentity, mismatch, objectKeyAs, toDateMillis } from "./write-checks.js";
import {
  classPlanOf,
  planOf,
  W_ARRAY,
  W_BIG_DECIMAL,
  W_BIG_INTEGER,
  W_BOOLEAN,
  W_BYTE,
  W_CHAR,
  W_DATE,
  W_DOUBLE,
  W_INT,
  W_LIST,
  W_LONG,
  W_MAP,
  W_OBJECT,
  W_SHORT,
  W_STRING,
  W_TIME,
  type WritePlan,
} from "./write-plan.js";
import type { HessianWriter } from "./writer.js";

const OBJECT: JavaType = parseJavaType("java.lang.Object");
const NO_ORDER: readonly number[] = []; // an empty map (the usual response attachments)

/** The one field of an enum's class definition (HL EnumSerializer). */
const ENUM_FIELDS: readonly string[] = Object.freeze(["name"]);

/**
 * Writes JS values as the Java types a contract declares, producing what HL `Hessian2Output`
 * produces for the corresponding Java value, so callers pass plain TS values (no `{$class, $}`
 * wrappers). With `generic` set, DTOs are written as Java's `PojoUtils.generalize` shapes them for
 * a generic call (`HashMap` with a `"class"` key) and enums as their names.
 */
export class TypedWriter {
  /** Classes known to this body only (an exception's class), besides the global registry. */
  private localClasses: Map<string, JavaClassDefinition> | undefined;

  constructor(
    readonly out: HessianWriter,
    private readonly generic = false,
  ) {}

  /**
   * Writes `value` as an instance of `def` without registering `def` globally (used for exceptions,
   * whose class is only a name). `value` is tagged with the class so self-references resolve.
   */
  writeObjectAs(value: object, def: JavaClassDefinition, what: string): void {
    this.localClasses ??= new Map();
    this.localClasses.set(def.name, def);
    tagJavaClass(value, def.name);
    this.writeClassInstance(value, def.name, what, undefined);
  }

  /** Writes `value` as Java type `type` (a name or a parsed type); `what` names it in errors. */
  write(value: unknown, type: string | JavaType | undefined, what: string): void {
    const t = type === undefined ? OBJECT : typeof type === "string" ? parseJavaType(type) : type;
    this.writeAs(value, t, planOf(t), what);
  }

  /** `write` with the type's plan already looked up (`planOf(t)`), for compiled class writers. */
  writeAs(value: unknown, t: JavaType, plan: WritePlan, what: string): void {
    if (value === null || value === undefined) {
      if (plan.primitive) throw HessianError.type(`${what}: null for primitive ${t.name}`);
      this.out.writeNull();
      return;
    }
    const out = this.out;
    switch (plan.kind) {
      case W_OBJECT:
        this.writeInferred(value, what);
        return;
      case W_BOOLEAN:
        if (typeof value !== "boolean") throw mismatch(what, t, value);
        out.writeBoolean(value);
        return;
      case W_INT:
        out.writeInt(toJavaInt(value, what));
        return;
      case W_SHORT:
        out.writeInt(toJavaInt(value, what, -0x8000, 0x7fff));
        return;
      case W_BYTE:
        out.writeInt(toJavaInt(value, what, -0x80, 0x7f));
        return;
      case W_LONG:
        out.writeLong(toJavaLong(value, what));
        return;
      case W_DOUBLE:
        if (typeof value !== "number") throw mismatch(what, t, value);
        out.writeDouble(value);
        return;
      case W_CHAR:
        if (typeof value !== "string" || value.length !== 1) throw mismatch(what, t, value);
        out.writeString(value);
        return;
      case W_STRING:
        if (typeof value !== "string") throw mismatch(what, t, value);
        out.writeString(value);
        return;
      case W_BIG_DECIMAL:
        writeBigDecimal(out, value, what);
        return;
      case W_BIG_INTEGER:
        // PojoUtils.generalize keeps Numbers: the same object in a generic result.
        writeBigInteger(out, value, what);
        return;
      case W_DATE:
        out.writeDate(toDateMillis(value, what));
        return;
      case W_TIME:
        writeJavaTime(out, t.name, value, what, this.generic);
        return;
      case W_LIST:
        this.writeList(value, plan.container, t.args[0], what);
        return;
      case W_MAP:
        this.writeMap(value, plan.container, t.args[0], t.args[1], what);
        return;
      case W_ARRAY:
        writeJavaArray(this, value, t, what);
        return;
    }
    if (typeof value === "object") this.writeDeclared(value, t, plan, what);
    else this.writeClassInstance(value, t.name, what, undefined);
  }

  /**
   * An object declared as class `t` (plan kind W_CLASS). The class it is written as depends only
   * on its constructor and the registry (see writeClassInstance), so the plan keeps the last
   * answer (`plan.site`) and reuses it while both are the same: one comparison instead of the
   * registry lookups, per object of a list of DTOs.
   */
  writeDeclared(value: object, t: JavaType, plan: WritePlan, what: string): void {
    const site = plan.site;
    if (
      site !== undefined &&
      site.ctor === value.constructor &&
      site.generation === javaClassGeneration() &&
      this.localClasses === undefined &&
      !this.generic
    ) {
      if (this.out.addRef(value)) return;
      const classPlan = site.plan;
      this.out.writeObjectBegin(site.def.name, classPlan.names);
      classPlan.writeFields(
        this,
        value as Record<string, unknown>,
        classPlan.types,
        classPlan.plans,
        what,
      );
      return;
    }
    this.writeClassInstance(value, t.name, what, plan);
  }

  /** A list or collection (W_LIST), `value` checked here; public for compiled class writers. */
  writeList(
    value: unknown,
    listType: string | null,
    element: JavaType | undefined,
    what: string,
  ): void {
    writeJavaList(this, value, listType, element, what);
  }

  private writeMap(
    value: unknown,
    mapType: string | null,
    keyType: JavaType | undefined,
    valueType: JavaType | undefined,
    what: string,
  ): void {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw HessianError.type(`${what}: expected a Map or a plain object for a Java map`);
    }
    const entries: [unknown, unknown][] =
      value instanceof Map
        ? [...value.entries()]
        : Object.entries(value).map(([k, v]) => [objectKeyAs(k, keyType, what), v]);
    if (this.out.addRef(value)) return;
    const wireType = javaContainerOf(value) ?? mapType;
    this.out.writeMapBegin(wireType);
    let part = " key";
    try {
      const order = entries.length === 0 ? NO_ORDER : javaMapOrder(entries, wireType, keyType);
      for (const i of order) {
        const [k, v] = entries[i]!;
        part = " key";
        this.write(k, keyType, "");
        part = " value";
        this.write(v, valueType, "");
      }
    } catch (e) {
      throw at(e, `${what}${part}`);
    }
    this.out.writeMapEnd();
  }

  /**
   * A DTO or enum: the class registered for the value's constructor, else for the declared name.
   * With `site` (the declared type's plan), a registered DTO class found without this writer's
   * local classes is kept there for `writeDeclared`.
   */
  private writeClassInstance(
    value: unknown,
    declared: string,
    what: string,
    site: WritePlan | undefined,
  ): void {
    const byCtor =
      typeof value === "object" && value !== null ? getJavaClassOf(value.constructor) : undefined;
    let def = byCtor ?? this.classNamed(declared);
    // The wire class a decoded object carries matters only when nothing else names its class.
    const tag = def === undefined ? javaClassOf(value) : undefined;
    if (def === undefined && tag !== undefined) def = this.classNamed(tag);
    if (def?.enumValues) {
      this.writeEnum(value, def, what);
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw HessianError.type(`${what}: expected an object for ${declared}`);
    }
    if (def === undefined && tag === undefined) {
      throw HessianError.type(
        `${what}: Java class ${declared} is not registered; declare it with defineJavaClass (or @JavaClass)`,
      );
    }
    const className = def?.name ?? tag!;
    const record = value as Record<string, unknown>;
    // A decoded object passed through keeps its wire field order (already Java's order).
    const names = def ? javaFieldOrder(def) : Object.keys(record);
    if (this.generic) {
      this.writeGeneralized(record, className, names, def, what);
      return;
    }
    if (this.out.addRef(value)) return;
    this.out.writeObjectBegin(className, names);
    if (def !== undefined && getJavaClass(def.name) === def) {
      const plan = classPlanOf(def);
      // Not when the class came from a decoded object's tag: that depends on more than its constructor.
      if (site !== undefined && tag === undefined && this.localClasses === undefined) {
        site.site = { ctor: record.constructor, generation: javaClassGeneration(), def, plan };
      }
      plan.writeFields(this, record, plan.types, plan.plans, what);
      return;
    }
    const types = def ? fieldTypesOf(def) : undefined;
    let i = 0;
    try {
      for (; i < names.length; i++) this.write(record[names[i]!], types?.[i], "");
    } catch (e) {
      throw at(e, `${what}.${names[i]}`);
    }
  }

  private classNamed(name: string): JavaClassDefinition | undefined {
    return this.localClasses?.get(name) ?? getJavaClass(name);
  }

  private writeEnum(value: unknown, def: JavaClassDefinition, what: string): void {
    if (typeof value !== "string" || !def.enumValues!.includes(value)) {
      throw HessianError.type(`${what}: expected one of the constants of enum ${def.name}`);
    }
    if (this.generic) {
      this.out.writeString(value);
      return;
    }
    // HL EnumSerializer: enum constants are singletons, so a repeated constant is a back-reference.
    if (this.out.addRef(enumIdentity(def.name, value))) return;
    this.out.writeObjectBegin(def.name, ENUM_FIELDS);
    this.out.writeString(value);
  }

  /** PojoUtils.generalize: a HashMap of the fields plus `"class"`, in HashMap order. */
  private writeGeneralized(
    record: Record<string, unknown>,
    className: string,
    names: readonly string[],
    def: JavaClassDefinition | undefined,
    what: string,
  ): void {
    if (this.out.addRef(record)) return;
    const keys = ["class", ...names];
    this.out.writeMapBegin(null);
    let k = "";
    try {
      for (const i of javaHashMapOrder(keys)) {
        k = keys[i]!;
        this.out.writeString(k);
        if (i === 0) this.out.writeString(className);
        else this.write(record[k], def?.fields[k], "");
      }
    } catch (e) {
      throw at(e, `${what}.${k}`);
    }
    this.out.writeMapEnd();
  }

  /** A value declared `java.lang.Object`: the Java type follows from the JS type. */
  private writeInferred(value: unknown, what: string): void {
    const out = this.out;
    switch (typeof value) {
      case "string":
        out.writeString(value);
        return;
      case "boolean":
        out.writeBoolean(value);
        return;
      case "bigint":
        out.writeLong(toJavaLong(value, what));
        return;
      case "number":
        if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff) {
          out.writeInt(value);
          return;
        }
        if (Number.isSafeInteger(value)) {
          out.writeLong(value);
          return;
        }
        out.writeDouble(value);
        return;
      case "object":
        break;
      default:
        throw HessianError.type(`${what}: a ${typeof value} cannot be sent to Java`);
    }
    const v = value as object;
    if (v instanceof Date) {
      out.writeDate(toDateMillis(v, what));
      return;
    }
    if (v instanceof Uint8Array) {
      out.writeBinary(v);
      return;
    }
    if (Array.isArray(v)) {
      this.writeList(v, null, undefined, what);
      return;
    }
    if (v instanceof Set) {
      this.writeList(v, "java.util.HashSet", undefined, what);
      return;
    }
    if (v instanceof Map) {
      this.writeMap(v, null, undefined, undefined, what);
      return;
    }
    if (getJavaClassOf(v.constructor) || javaClassOf(v) !== undefined) {
      this.writeClassInstance(v, javaClassOf(v) ?? "", what, undefined);
      return;
    }
    this.writeMap(v, null, undefined, undefined, what);
    return;
  }
}
