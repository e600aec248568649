import { assertSingleCore } from "./single-core.js";

/**
 * Java type names as users write them on a contract, parsed once: `int`, `java.lang.Long`,
 * `long[]`, `java.util.List<com.jd.pojo.TbBrand>`, `java.util.Map<java.lang.Long, com.jd.pojo.TbBrand>`.
 * The protocol turns them into JVM descriptors (`ReflectUtils.getDesc`) and hessian encodings.
 */
export interface JavaType {
  /** Erased class name (`java.util.List`, `int`), or the element type's name for arrays. */
  readonly name: string;
  /** Generic arguments (`List<T>` → [T], `Map<K,V>` → [K, V]). */
  readonly args: readonly JavaType[];
  /** Set for arrays: the component type. */
  readonly component?: JavaType | undefined;
}

const PRIMITIVE_DESCRIPTORS: Record<string, string> = {
  boolean: "Z",
  byte: "B",
  char: "C",
  double: "D",
  float: "F",
  int: "I",
  long: "J",
  short: "S",
  void: "V",
};

/** Short names accepted for convenience; they expand to the boxed `java.lang` / well-known classes. */
const ALIASES: Record<string, string> = {
  String: "java.lang.String",
  Integer: "java.lang.Integer",
  Long: "java.lang.Long",
  Double: "java.lang.Double",
  Float: "java.lang.Float",
  Short: "java.lang.Short",
  Byte: "java.lang.Byte",
  Boolean: "java.lang.Boolean",
  Character: "java.lang.Character",
  Object: "java.lang.Object",
  BigDecimal: "java.math.BigDecimal",
  BigInteger: "java.math.BigInteger",
  Date: "java.util.Date",
  List: "java.util.List",
  ArrayList: "java.util.ArrayList",
  Set: "java.util.Set",
  Map: "java.util.Map",
  HashMap: "java.util.HashMap",
  Collection: "java.util.Collection",
};

const cache = new Map<string, JavaType>();

/** Parses a Java type name; throws a TypeError that quotes the name when it is malformed. */
export function parseJavaType(text: string): JavaType {
  const hit = cache.get(text);
  if (hit) return hit;
  let pos = 0;
  const src = text;
  const fail = (why: string): never => {
    throw new TypeError(
      `bad Java type "${text}": ${why} (expected e.g. int, java.lang.Long, long[], java.util.List<com.x.Foo>)`,
    );
  };
  const skip = () => {
    while (pos < src.length && src[pos] === " ") pos++;
  };
  const parse = (): JavaType => {
    skip();
    const m = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/.exec(src.slice(pos));
    if (!m) fail(`a class name was expected at offset ${pos}`);
    pos += m![0].length;
    const name = ALIASES[m![0]] ?? m![0];
    const args: JavaType[] = [];
    skip();
    if (src[pos] === "<") {
      pos++;
      for (;;) {
        skip();
        if (src[pos] === "?") {
          pos++;
          args.push({ name: "java.lang.Object", args: [] });
        } else args.push(parse());
        skip();
        if (src[pos] === ",") {
          pos++;
          continue;
        }
        if (src[pos] === ">") {
          pos++;
          break;
        }
        fail(`"," or ">" expected at offset ${pos}`);
      }
    }
    let type: JavaType = { name, args };
    skip();
    while (src.startsWith("[]", pos)) {
      pos += 2;
      type = { name: `${type.name}[]`, args: [], component: type };
      skip();
    }
    return type;
  };
  const type = parse();
  skip();
  if (pos !== src.length) fail(`unexpected "${src.slice(pos)}"`);
  cache.set(text, type);
  return type;
}

/** JVM descriptor of one type: `I`, `[J`, `Ljava/lang/String;`, `[Ljava/lang/Long;` (generics erased). */
export function toDescriptor(type: string | JavaType): string {
  const t = typeof type === "string" ? parseJavaType(type) : type;
  if (t.component) return `[${toDescriptor(t.component)}`;
  const p = PRIMITIVE_DESCRIPTORS[t.name];
  if (p) return p;
  return `L${t.name.replace(/\./g, "/")};`;
}

/** The concatenated descriptor Dubbo sends as the request's parameter types (`Ljava/lang/String;I`). */
export function toParameterDescriptor(types: readonly string[]): string {
  return types.map((t) => toDescriptor(t)).join("");
}

/** True for the eight primitives (and `void`). */
export function isPrimitive(type: JavaType): boolean {
  return !type.component && type.name in PRIMITIVE_DESCRIPTORS;
}

/** A DTO class known by its Java name, with the Java type of each field, in declaration order. */
export interface JavaClassDefinition {
  /** Java class name, e.g. `com.jd.pojo.TbBrand`. */
  readonly name: string;
  /** Field name → Java type name, in the order Java declares them (hessian writes them in this order). */
  readonly fields: Readonly<Record<string, string>>;
  /** For enums: the constant names. */
  readonly enumValues?: readonly string[] | undefined;
  /** The TS class, when one was registered; decoded objects stay plain unless asked otherwise. */
  readonly ctor?: (new (...args: never[]) => unknown) | undefined;
}

const javaClasses = new Map<string, JavaClassDefinition>();
const javaClassesByCtor = new Map<unknown, JavaClassDefinition>();
/** Bumped by every registration: a cache of lookups made at generation N is valid while it is N. */
let generation = 0;

/**
 * Registers a Java DTO class (what `@JavaClass` does). Registering the same name again replaces
 * the definition. Safe to call at import time: it only writes to an in-memory table.
 */
export function defineJavaClass(definition: JavaClassDefinition): JavaClassDefinition {
  assertSingleCore();
  for (const t of Object.values(definition.fields)) parseJavaType(t);
  javaClasses.set(definition.name, definition);
  if (definition.ctor) javaClassesByCtor.set(definition.ctor, definition);
  generation++;
  return definition;
}

/**
 * The registry's generation: changes whenever a class is registered, so a codec may cache what
 * `getJavaClass`/`getJavaClassOf` answered and reuse it while the generation is the same.
 */
export function javaClassGeneration(): number {
  return generation;
}

/** The registered definition of a Java class name, if any. */
export function getJavaClass(name: string): JavaClassDefinition | undefined {
  assertSingleCore();
  return javaClasses.get(name);
}

/** The registered definition of a TS class, if any. */
export function getJavaClassOf(ctor: unknown): JavaClassDefinition | undefined {
  assertSingleCore();
  return javaClassesByCtor.get(ctor);
}
