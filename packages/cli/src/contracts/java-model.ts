import { ACC, type ClassFile, type FieldInfo, type MethodInfo } from "../classfile/class-file.js";
import type { ClassInput } from "../classfile/class-input.js";
import type { TypeParameter } from "../classfile/signature.js";

/** A Java interface to generate a contract class for. */
export interface ServiceModel {
  readonly kind: "service";
  readonly file: ClassFile;
  /** Public instance methods (inherited interface methods included), in declaration order. */
  readonly methods: readonly MethodInfo[];
}

/** A Serializable class (DTO) or an exception, with the fields hessian-lite writes. */
export interface ClassModel {
  readonly kind: "dto" | "exception";
  readonly file: ClassFile;
  readonly typeParameters: readonly TypeParameter[];
  /** Instance fields without `transient`, in declaration order (superclass fields not included). */
  readonly fields: readonly FieldInfo[];
  /** The superclass when it is generated too (then the TS class extends it). */
  readonly superclass: string | undefined;
}

export interface EnumModel {
  readonly kind: "enum";
  readonly file: ClassFile;
  readonly constants: readonly string[];
}

export type TypeModel = ServiceModel | ClassModel | EnumModel;

/** What the generator writes, and what it left out with the reason. */
export interface ContractModel {
  /** Binary name → model, for every generated type. */
  readonly types: ReadonlyMap<string, TypeModel>;
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

export interface SelectOptions {
  /** Package prefixes to generate (`com.jd` covers `com.jd.pojo`); empty = every package. */
  readonly packages: readonly string[];
  /** Package or class prefixes to leave out. */
  readonly exclude: readonly string[];
}

/** JDK superclasses that are Serializable (a DTO may extend them). */
const JDK_THROWABLES = /^java\.(lang|io|util|time|net|sql)\.[\w$]*(Exception|Error|Throwable)$/;

const covers = (prefix: string, name: string) =>
  name === prefix || name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}$`);

/**
 * Decides what each class of the input becomes, Dubbo's way: a public interface is a service
 * contract; an enum is an enum; a class that extends Throwable is an exception; any other class
 * that is `java.io.Serializable` (itself, through a superclass or a superinterface) is a DTO,
 * because hessian-lite refuses to serialize anything else (`SerializerFactory`:
 * "… must implement java.io.Serializable"). Classes outside the selected packages are generated
 * too when a generated type refers to them and they are in the input (a DTO from another package
 * of the same jar). Everything else is listed in `skipped` with the reason.
 */
export function selectTypes(input: ClassInput, options: SelectOptions): ContractModel {
  const types = new Map<string, TypeModel>();
  const skipped: { name: string; reason: string }[] = [];
  const inScope = (name: string) =>
    (options.packages.length === 0 || options.packages.some((p) => covers(p, name))) &&
    !options.exclude.some((p) => covers(p, name));

  // hessian-lite writes the fields of every superclass, Serializable or not: bases of DTOs are DTOs.
  const dtoBases = new Set<string>();
  for (const name of input.classNames) {
    const file = input.classFile(name)!;
    if (!(file.access & ACC.INTERFACE) && isSerializable(file, input)) {
      for (const s of superChain(file, input)) dtoBases.add(s);
    }
  }
  const queue = input.classNames.filter(inScope);
  const seen = new Set<string>(queue);
  while (queue.length > 0) {
    const name = queue.shift()!;
    const file = input.classFile(name)!;
    const result = classify(file, input, dtoBases.has(name));
    if (typeof result === "string") {
      skipped.push({ name, reason: result });
      continue;
    }
    if (result.kind === "service" && !inScope(name)) continue; // a referenced interface: not a service
    types.set(name, result);
    for (const ref of referencedClasses(result)) {
      if (!seen.has(ref) && input.classFile(ref) && !options.exclude.some((p) => covers(p, ref))) {
        seen.add(ref);
        queue.push(ref);
      }
    }
  }
  skipped.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { types, skipped };
}

function classify(file: ClassFile, input: ClassInput, dtoBase: boolean): TypeModel | string {
  const a = file.access;
  if (/\$\d/.test(file.name)) return "anonymous or local class";
  if (a & ACC.SYNTHETIC) return "synthetic class";
  if (a & ACC.ANNOTATION) return "annotation type";
  if (!(a & ACC.PUBLIC)) return "not public";
  const inner = file.innerClasses.find((i) => i.inner === file.name);
  if (inner && inner.outer !== undefined && !(inner.access & ACC.STATIC) && !(a & ACC.INTERFACE)) {
    return "inner (non-static) class: hessian-lite cannot create it without its outer instance";
  }
  if (a & ACC.INTERFACE) {
    const methods = interfaceMethods(file, input);
    if (methods.length === 0) return "interface without methods (a marker)";
    return { kind: "service", file, methods };
  }
  if (a & ACC.ENUM && file.superName === "java.lang.Enum") {
    const constants = file.fields.filter((f) => f.access & ACC.ENUM).map((f) => f.name);
    return { kind: "enum", file, constants };
  }
  const chain = superChain(file, input);
  const top = chain[chain.length - 1];
  const isThrowable = top !== undefined && JDK_THROWABLES.test(top);
  if (!isThrowable && !dtoBase && !isSerializable(file, input)) {
    return "not java.io.Serializable (hessian-lite refuses it), and not an interface, enum or exception";
  }
  const fields = file.fields.filter((f) => !(f.access & (ACC.STATIC | ACC.TRANSIENT)));
  const parent = file.superName;
  const superclass = parent && input.classFile(parent) ? parent : undefined;
  return {
    kind: isThrowable ? "exception" : "dto",
    file,
    typeParameters: file.signature?.typeParameters ?? [],
    fields,
    superclass,
  };
}

/** Superclass names from `file`'s parent up to the first one outside the input. */
function superChain(file: ClassFile, input: ClassInput): string[] {
  const chain: string[] = [];
  for (let c: ClassFile | undefined = file; c?.superName; c = input.classFile(c.superName)) {
    chain.push(c.superName);
  }
  return chain;
}

function isSerializable(file: ClassFile, input: ClassInput): boolean {
  const visit = (name: string): boolean => {
    if (name === "java.io.Serializable" || name === "java.io.Externalizable") return true;
    const c = input.classFile(name);
    if (!c) return /^java\.(lang\.Number|util\.(Date|\w*(List|Map|Set)))$/.test(name);
    return c.interfaces.some(visit) || (c.superName !== undefined && visit(c.superName));
  };
  return visit(file.name);
}

/**
 * The methods a consumer can call: the interface's public, non-static, non-synthetic methods,
 * then those of its superinterfaces found in the input (Dubbo exports every method of the
 * interface, inherited ones included), without repeating a descriptor.
 */
function interfaceMethods(file: ClassFile, input: ClassInput): MethodInfo[] {
  const out: MethodInfo[] = [];
  const seen = new Set<string>();
  const visit = (c: ClassFile) => {
    for (const m of c.methods) {
      if (m.access & (ACC.STATIC | ACC.SYNTHETIC | ACC.BRIDGE) || m.name.startsWith("<")) continue;
      // Java 9 private interface methods are not callable; "constructor" cannot be a TS method.
      if (!(m.access & ACC.PUBLIC) || m.name === "constructor") continue;
      if (OBJECT_METHODS.has(`${m.name}${m.descriptor}`)) continue;
      const key = `${m.name}${m.descriptor.slice(0, m.descriptor.indexOf(")"))}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(m);
    }
    for (const parent of c.interfaces) {
      const p = input.classFile(parent);
      if (p) visit(p);
    }
  };
  visit(file);
  return out;
}

/** Methods of java.lang.Object an interface may redeclare; Dubbo does not export them. */
const OBJECT_METHODS = new Set([
  "toString()Ljava/lang/String;",
  "hashCode()I",
  "equals(Ljava/lang/Object;)Z",
]);

/** Class names a model refers to (fields, method signatures, superclass). */
function referencedClasses(model: TypeModel): string[] {
  const out = new Set<string>();
  const walk = (t: unknown): void => {
    if (!t || typeof t !== "object") return;
    const node = t as {
      kind?: string;
      name?: string;
      args?: unknown[];
      component?: unknown;
      bound?: unknown;
    };
    if (node.kind === "class" && node.name) out.add(node.name);
    node.args?.forEach(walk);
    walk(node.component);
    walk(node.bound);
  };
  if (model.kind === "service") {
    for (const m of model.methods) {
      m.type.params.forEach(walk);
      walk(m.type.returns);
    }
  } else if (model.kind !== "enum") {
    for (const f of model.fields) walk(f.type);
    if (model.file.superName) out.add(model.file.superName);
  }
  return [...out];
}
