import { ByteReader } from "./byte-reader.js";
import { ConstantPool } from "./constant-pool.js";
import {
  type ClassSignature,
  type JType,
  type MethodSignature,
  parseClassSignature,
  parseFieldType,
  parseMethodType,
} from "./signature.js";

/** Access flags of classes, fields and methods (JVMS tables 4.1-B, 4.5-A, 4.6-A). */
export const ACC = {
  PUBLIC: 0x0001,
  PRIVATE: 0x0002,
  PROTECTED: 0x0004,
  STATIC: 0x0008,
  FINAL: 0x0010,
  TRANSIENT: 0x0080,
  BRIDGE: 0x0040,
  INTERFACE: 0x0200,
  ABSTRACT: 0x0400,
  SYNTHETIC: 0x1000,
  ANNOTATION: 0x2000,
  ENUM: 0x4000,
} as const;

export interface FieldInfo {
  readonly name: string;
  readonly access: number;
  /** From the `Signature` attribute when present, else from the descriptor. */
  readonly type: JType;
}

export interface MethodInfo {
  readonly name: string;
  readonly access: number;
  readonly descriptor: string;
  /** From the `Signature` attribute when present, else from the descriptor. */
  readonly type: MethodSignature;
  /**
   * Parameter names from `MethodParameters` (javac `-parameters`) or, for methods with code,
   * `LocalVariableTable` (javac `-g`); undefined when the class file has neither.
   */
  readonly parameterNames: readonly string[] | undefined;
}

export interface InnerClassInfo {
  readonly inner: string;
  readonly outer: string | undefined;
  /** Undefined for anonymous classes. */
  readonly simpleName: string | undefined;
  readonly access: number;
}

/** What one `.class` file declares, with binary names (`com.jd.Outer$Inner`). */
export interface ClassFile {
  readonly name: string;
  readonly access: number;
  readonly majorVersion: number;
  readonly superName: string | undefined;
  readonly interfaces: readonly string[];
  /** The `Signature` attribute (generic class), else undefined. */
  readonly signature: ClassSignature | undefined;
  readonly fields: readonly FieldInfo[];
  readonly methods: readonly MethodInfo[];
  readonly innerClasses: readonly InnerClassInfo[];
}

const dotted = (internal: string): string => internal.replace(/\//g, ".");

/**
 * Reads one class file (JVMS §4) without a JVM: constant pool, access flags, super class and
 * interfaces, fields and methods in declaration order (javac writes them in source order, which
 * hessian-lite's field order depends on), and the attributes contracts need — `Signature`,
 * `MethodParameters`, `Code`/`LocalVariableTable`, `InnerClasses`. Other attributes are skipped by
 * their length. Throws a RangeError/SyntaxError naming `what` for a file that is not a class file.
 */
export function readClassFile(bytes: Uint8Array, what: string): ClassFile {
  const r = new ByteReader(bytes, what);
  if (r.u4() !== 0xcafebabe) throw new RangeError(`${what}: not a class file (no CAFEBABE magic)`);
  r.u2(); // minor
  const majorVersion = r.u2();
  const cp = ConstantPool.read(r, what);
  const access = r.u2();
  const name = dotted(cp.className(r.u2())!);
  const superInternal = cp.className(r.u2());
  const interfaces: string[] = [];
  for (let n = r.u2(); n > 0; n--) interfaces.push(dotted(cp.className(r.u2())!));

  const fields: FieldInfo[] = [];
  for (let n = r.u2(); n > 0; n--) {
    const fAccess = r.u2();
    const fName = cp.utf8(r.u2());
    const descriptor = cp.utf8(r.u2());
    let signature: string | undefined;
    forEachAttribute(r, cp, (attr, len) => {
      if (attr === "Signature") signature = cp.utf8(r.u2());
      else r.skip(len);
    });
    fields.push({ name: fName, access: fAccess, type: parseFieldType(signature ?? descriptor) });
  }

  const methods: MethodInfo[] = [];
  for (let n = r.u2(); n > 0; n--) methods.push(readMethod(r, cp));

  let signature: ClassSignature | undefined;
  const innerClasses: InnerClassInfo[] = [];
  forEachAttribute(r, cp, (attr, len) => {
    if (attr === "Signature") signature = parseClassSignature(cp.utf8(r.u2()));
    else if (attr === "InnerClasses") {
      for (let k = r.u2(); k > 0; k--) {
        const inner = dotted(cp.className(r.u2())!);
        const outer = cp.className(r.u2());
        const simple = r.u2();
        innerClasses.push({
          inner,
          outer: outer === undefined ? undefined : dotted(outer),
          simpleName: simple === 0 ? undefined : cp.utf8(simple),
          access: r.u2(),
        });
      }
    } else r.skip(len);
  });
  return {
    name,
    access,
    majorVersion,
    superName: superInternal === undefined ? undefined : dotted(superInternal),
    interfaces,
    signature,
    fields,
    methods,
    innerClasses,
  };
}

function readMethod(r: ByteReader, cp: ConstantPool): MethodInfo {
  const access = r.u2();
  const name = cp.utf8(r.u2());
  const descriptor = cp.utf8(r.u2());
  let signature: string | undefined;
  let fromParameters: string[] | undefined;
  let locals: { index: number; name: string }[] | undefined;
  forEachAttribute(r, cp, (attr, len) => {
    if (attr === "Signature") signature = cp.utf8(r.u2());
    else if (attr === "MethodParameters") {
      fromParameters = [];
      for (let k = r.u1(); k > 0; k--) {
        const nameIndex = r.u2();
        r.u2(); // flags
        fromParameters.push(nameIndex === 0 ? "" : cp.utf8(nameIndex));
      }
    } else if (attr === "Code") {
      r.skip(4); // max_stack, max_locals
      r.skip(r.u4()); // code
      r.skip(r.u2() * 8); // exception table
      forEachAttribute(r, cp, (inner, innerLen) => {
        if (inner !== "LocalVariableTable") return r.skip(innerLen);
        locals ??= [];
        for (let k = r.u2(); k > 0; k--) {
          const startPc = r.u2();
          r.u2(); // length
          const localName = cp.utf8(r.u2());
          r.u2(); // descriptor
          const index = r.u2();
          if (startPc === 0) locals.push({ index, name: localName });
        }
      });
    } else r.skip(len);
  });
  const descriptorType = parseMethodType(descriptor);
  let type = signature === undefined ? descriptorType : parseMethodType(signature);
  // javac omits synthetic/implicit parameters (an inner class's outer instance) from Signature.
  if (type.params.length !== descriptorType.params.length) type = descriptorType;
  return {
    name,
    access,
    descriptor,
    type,
    parameterNames: namesFrom(access, descriptorType, fromParameters, locals),
  };
}

function namesFrom(
  access: number,
  type: MethodSignature,
  fromParameters: string[] | undefined,
  locals: { index: number; name: string }[] | undefined,
): string[] | undefined {
  if (fromParameters?.length === type.params.length && fromParameters.every((n) => n !== "")) {
    return fromParameters;
  }
  if (!locals) return undefined;
  // Slots: `this` first for instance methods; long and double take two slots (JVMS §2.6.1).
  let slot = access & ACC.STATIC ? 0 : 1;
  const names: string[] = [];
  for (const p of type.params) {
    const found = locals.find((l) => l.index === slot)?.name;
    if (found === undefined) return undefined;
    names.push(found);
    slot += p.kind === "primitive" && (p.name === "long" || p.name === "double") ? 2 : 1;
  }
  return names;
}

function forEachAttribute(
  r: ByteReader,
  cp: ConstantPool,
  visit: (name: string, length: number) => void,
): void {
  for (let n = r.u2(); n > 0; n--) {
    const name = cp.utf8(r.u2());
    const length = r.u4();
    const end = r.pos + length;
    visit(name, length);
    if (r.pos !== end) {
      throw new RangeError(`attribute ${name}: read ${r.pos - (end - length)} of ${length} bytes`);
    }
  }
}
