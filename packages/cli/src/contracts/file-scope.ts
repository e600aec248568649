import type { JType } from "../classfile/signature.js";
import type { ClassModel, ContractModel } from "./java-model.js";
import { isContainer } from "./type-mapping.js";

/** `com.jd.pojo` of `com.jd.pojo.TbBrand` (`""` for the default package). */
export function packageOf(binaryName: string): string {
  const i = binaryName.lastIndexOf(".");
  return i < 0 ? "" : binaryName.slice(0, i);
}

/** The TS class name of a Java class: its binary name without the package (`Outer$Inner`). */
export function simpleName(binaryName: string): string {
  return binaryName.slice(binaryName.lastIndexOf(".") + 1);
}

/** The file (without extension) a Java package is written to: `com.jd.pojo`. */
export function moduleOf(pkg: string): string {
  return pkg === "" ? "default-package" : pkg;
}

const TS_GLOBALS = [
  "Array",
  "BigInt",
  "Boolean",
  "Date",
  "Error",
  "Map",
  "Number",
  "Object",
  "Promise",
  "Record",
  "String",
  "Symbol",
  "Uint8Array",
];

/**
 * The names one generated file uses: its own types by simple name, types of other packages
 * imported (type-only unless a value is needed, e.g. a superclass), renamed on a clash
 * (`Result as com_x_Result`). `imports()` renders the import lines, sorted as Biome sorts them.
 */
export class FileScope {
  private readonly values = new Set<string>();
  private readonly imported = new Map<string, string>();
  /** Global names generated code uses (`Map`, `Record`…): a Java class of that name is qualified. */
  private readonly taken = new Set<string>(TS_GLOBALS);
  private readonly core = new Set<string>();
  /** True once a type of this file is `any` (a raw Java collection). */
  usesAny = false;

  /** Java name → TS name of the types this file declares. */
  readonly locals = new Map<string, string>();

  /**
   * @param packages the Java packages whose types this file declares: one, or the packages of an
   *   inheritance cycle (see generate.ts), whose clashing simple names are then qualified.
   */
  constructor(
    packages: ReadonlySet<string>,
    private readonly model: ContractModel,
  ) {
    for (const name of [...model.types.keys()].sort()) {
      if (!packages.has(packageOf(name))) continue;
      const simple = simpleName(name);
      const local = this.taken.has(simple) ? name.replace(/[.$]/g, "_") : simple;
      this.taken.add(local);
      this.locals.set(name, local);
    }
  }

  noteAny(): void {
    this.usesAny = true;
  }

  /** The package whose file declares a package's types (itself, or its cycle's host). */
  hostOf: (pkg: string) => string = (pkg) => pkg;

  /** A name exported by `@dubbo-ts/core` that the file uses. */
  useCore(name: string): string {
    this.core.add(name);
    return name;
  }

  /** The TS name of a generated type in this file, or undefined when it is not generated. */
  tsNameOf(javaName: string, asValue = false): string | undefined {
    if (!this.model.types.has(javaName)) return undefined;
    const local = this.locals.get(javaName);
    if (local !== undefined) return local;
    let imported = this.imported.get(javaName);
    if (imported === undefined) {
      const simple = simpleName(javaName);
      imported = this.taken.has(simple) ? javaName.replace(/[.$]/g, "_") : simple;
      this.taken.add(imported);
      this.imported.set(javaName, imported);
    }
    if (asValue) this.values.add(javaName);
    return imported;
  }

  /**
   * How a field, parameter or result refers to a generated type: its TS name and which of its
   * Java type arguments the TS class takes (the type parameters its fields use; TS refuses unused
   * ones). Services are not value types (a parameter typed with an interface is `unknown`).
   */
  typeRef(
    javaName: string,
  ): { readonly name: string; readonly positions: readonly number[] } | undefined {
    const model = this.model.types.get(javaName);
    if (!model || model.kind === "service") return undefined;
    const positions = model.kind === "enum" ? [] : usedTypeParameters(model, this.model);
    return { name: this.tsNameOf(javaName)!, positions };
  }

  imports(): string[] {
    const lines: string[] = [];
    if (this.core.size > 0) {
      lines.push(`import { ${sortNames([...this.core]).join(", ")} } from "@dubbo-ts/core";`);
    }
    const byModule = new Map<string, string[]>();
    for (const [javaName, local] of this.imported) {
      const module = moduleOf(this.hostOf(packageOf(javaName)));
      const simple = simpleName(javaName);
      const spec = `${this.values.has(javaName) ? "" : "type "}${simple === local ? simple : `${simple} as ${local}`}`;
      byModule.set(module, [...(byModule.get(module) ?? []), spec]);
    }
    for (const module of [...byModule.keys()].sort()) {
      const specs = byModule.get(module)!;
      const allTypes = specs.every((s) => s.startsWith("type "));
      const list = sortNames(allTypes ? specs.map((s) => s.slice(5)) : specs);
      lines.push(`import ${allTypes ? "type " : ""}{ ${list.join(", ")} } from "./${module}.js";`);
    }
    return lines;
  }
}

/**
 * Biome's organizeImports order: letter by letter ignoring case, and where two names first differ
 * only in case, the upper-case letter first (`BrandService` before `brandException`).
 */
function sortNames(names: string[]): string[] {
  const key = (s: string) => s.replace(/^type /, "");
  const compare = (a: string, b: string): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      const lx = x.toLowerCase();
      const ly = y.toLowerCase();
      if (lx !== ly) return lx < ly ? -1 : 1;
      return x < y ? -1 : 1; // same letter: upper case ("B" < "b") first
    }
    return a.length - b.length;
  };
  return names.sort((a, b) => compare(key(a), key(b)));
}

/**
 * Indexes of the class's type parameters that the TS types of its fields use (the ones its TS
 * class declares; TS refuses unused ones): through arrays, collections, maps, Optional and
 * generated generic classes, not through types that become `unknown`.
 */
export function usedTypeParameters(
  model: ClassModel,
  all: ContractModel,
  seen: ReadonlySet<string> = new Set(),
): number[] {
  const used = new Set<string>();
  const walk = (t: JType | undefined): void => {
    if (!t) return;
    if (t.kind === "typevar") used.add(t.name);
    else if (t.kind === "array") walk(t.component);
    else if (t.kind === "class") {
      const args = t.args.map((a) => (a.kind === "wildcard" ? a.bound : a));
      if (isContainer(t.name)) args.forEach(walk);
      const other = all.types.get(t.name);
      if ((other?.kind === "dto" || other?.kind === "exception") && !seen.has(t.name)) {
        const inner = usedTypeParameters(other, all, new Set([...seen, model.file.name, t.name]));
        for (const i of inner) walk(args[i]);
      }
    }
  };
  for (const f of model.fields) walk(f.type);
  return model.typeParameters.flatMap((p, i) => (used.has(p.name) ? [i] : []));
}
