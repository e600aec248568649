/**
 * Java types as the class file writes them: descriptors (`Ljava/util/List;`, `[J`) and generic
 * signatures (`Ljava/util/List<Lcom/jd/pojo/TbBrand;>;`, `<T:Ljava/lang/Object;>…`), parsed by
 * the grammar of JVMS §4.7.9.1 into one small tree. Class names are binary names with dots
 * (`com.jd.Outer$Inner`), as `Class.getName()` and hessian write them.
 */
export type JType =
  | { readonly kind: "primitive"; readonly name: string }
  | { readonly kind: "class"; readonly name: string; readonly args: readonly JTypeArg[] }
  | { readonly kind: "typevar"; readonly name: string }
  | { readonly kind: "array"; readonly component: JType };

/** A type argument: a type, or a wildcard (`?`, `? extends X`, `? super X`). */
export type JTypeArg =
  | JType
  | { readonly kind: "wildcard"; readonly bound?: JType; readonly variance: "extends" | "super" };

/** `<T extends Bound>` of a generic class or method. */
export interface TypeParameter {
  readonly name: string;
  /** Class bound, then interface bounds; empty means `java.lang.Object`. */
  readonly bounds: readonly JType[];
}

export interface ClassSignature {
  readonly typeParameters: readonly TypeParameter[];
  readonly superclass: JType | undefined;
  readonly interfaces: readonly JType[];
}

export interface MethodSignature {
  readonly typeParameters: readonly TypeParameter[];
  readonly params: readonly JType[];
  /** `void` is `{ kind: "primitive", name: "void" }`. */
  readonly returns: JType;
  readonly throws: readonly JType[];
}

const PRIMITIVES: Record<string, string> = {
  B: "byte",
  C: "char",
  D: "double",
  F: "float",
  I: "int",
  J: "long",
  S: "short",
  Z: "boolean",
  V: "void",
};

class SignatureParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  fail(why: string): never {
    throw new SyntaxError(`bad JVM signature "${this.text}" at offset ${this.pos}: ${why}`);
  }

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(`"${c}" expected`);
    this.pos++;
  }

  done(): boolean {
    return this.pos >= this.text.length;
  }

  identifier(stops: string): string {
    const start = this.pos;
    while (!this.done() && !stops.includes(this.peek())) this.pos++;
    if (this.pos === start) this.fail("identifier expected");
    return this.text.slice(start, this.pos);
  }

  typeParameters(): TypeParameter[] {
    const out: TypeParameter[] = [];
    if (this.peek() !== "<") return out;
    this.pos++;
    while (this.peek() !== ">") {
      const name = this.identifier(":");
      const bounds: JType[] = [];
      this.expect(":");
      if (this.peek() !== ":") bounds.push(this.referenceType()); // class bound may be empty
      while (this.peek() === ":") {
        this.pos++;
        bounds.push(this.referenceType());
      }
      out.push({ name, bounds });
    }
    this.pos++;
    return out;
  }

  type(): JType {
    const c = this.peek();
    const primitive = PRIMITIVES[c];
    if (primitive) {
      this.pos++;
      return { kind: "primitive", name: primitive };
    }
    return this.referenceType();
  }

  referenceType(): JType {
    const c = this.peek();
    if (c === "L") return this.classType();
    if (c === "T") {
      this.pos++;
      const name = this.identifier(";");
      this.expect(";");
      return { kind: "typevar", name };
    }
    if (c === "[") {
      this.pos++;
      return { kind: "array", component: this.type() };
    }
    return this.fail("a reference type (L, T or [) expected");
  }

  classType(): JType {
    this.expect("L");
    let name = this.identifier("<.;").replace(/\//g, ".");
    let args = this.typeArguments();
    while (this.peek() === ".") {
      this.pos++;
      name += `$${this.identifier("<.;")}`; // Outer<T>.Inner: binary name Outer$Inner
      args = this.typeArguments();
    }
    this.expect(";");
    return { kind: "class", name, args };
  }

  typeArguments(): JTypeArg[] {
    const args: JTypeArg[] = [];
    if (this.peek() !== "<") return args;
    this.pos++;
    while (this.peek() !== ">") {
      const c = this.peek();
      if (c === "*") {
        this.pos++;
        args.push({ kind: "wildcard", variance: "extends" });
      } else if (c === "+" || c === "-") {
        this.pos++;
        args.push({
          kind: "wildcard",
          variance: c === "+" ? "extends" : "super",
          bound: this.referenceType(),
        });
      } else args.push(this.referenceType());
    }
    this.pos++;
    return args;
  }
}

/** A field descriptor or field signature: `I`, `Ljava/lang/Long;`, `Ljava/util/List<TT;>;`. */
export function parseFieldType(text: string): JType {
  const p = new SignatureParser(text);
  const t = p.type();
  if (!p.done()) p.fail("unexpected text after the type");
  return t;
}

/** A method descriptor `(IJ)V` or method signature `<T:…>(TT;)Ljava/util/List<TT;>;^…`. */
export function parseMethodType(text: string): MethodSignature {
  const p = new SignatureParser(text);
  const typeParameters = p.typeParameters();
  p.expect("(");
  const params: JType[] = [];
  while (p.peek() !== ")") {
    if (p.done()) p.fail('")" expected');
    params.push(p.type());
  }
  p.expect(")");
  const returns = p.type();
  const throws: JType[] = [];
  while (p.peek() === "^") {
    p.expect("^");
    throws.push(p.referenceType());
  }
  if (!p.done()) p.fail("unexpected text after the method type");
  return { typeParameters, params, returns, throws };
}

/** A class signature: `<T:Ljava/lang/Object;>Ljava/lang/Object;Ljava/io/Serializable;`. */
export function parseClassSignature(text: string): ClassSignature {
  const p = new SignatureParser(text);
  const typeParameters = p.typeParameters();
  const superclass = p.classType();
  const interfaces: JType[] = [];
  while (!p.done()) interfaces.push(p.classType());
  return { typeParameters, superclass, interfaces };
}

/** `java.lang.Object` as a JType. */
export const OBJECT: JType = { kind: "class", name: "java.lang.Object", args: [] };
