import type { MethodInfo } from "../classfile/class-file.js";
import type { JType, JTypeArg } from "../classfile/signature.js";
import { type FileScope, usedTypeParameters } from "./file-scope.js";
import type { ClassModel, ContractModel, EnumModel, ServiceModel } from "./java-model.js";
import type { SourceNames } from "./source-names.js";
import {
  FUTURE,
  javaTypeName,
  type LongsOption,
  type NullsOption,
  type TypeScope,
  tsType,
  tsTypeNonNull,
} from "./type-mapping.js";

export interface RenderContext {
  readonly file: FileScope;
  readonly model: ContractModel;
  readonly longs: LongsOption;
  readonly nulls: NullsOption;
  readonly sourceNames: SourceNames;
}

const q = (s: string) => JSON.stringify(s);

/** Words Java allows as parameter names that TypeScript (strict mode) does not. */
const TS_RESERVED = new Set([
  "arguments",
  "await",
  "debugger",
  "delete",
  "eval",
  "export",
  "function",
  "in",
  "let",
  "typeof",
  "var",
  "with",
  "yield",
  "of",
  "undefined",
]);

/** `enum com.jd.Color { RED, GREEN }` → a const object, a union type and `defineJavaEnum`. */
export function renderEnum(model: EnumModel, ctx: RenderContext): string {
  const name = ctx.file.tsNameOf(model.file.name)!;
  const define = ctx.file.useCore("defineJavaEnum");
  const entries = model.constants.map((c) => `  ${c}: ${q(c)},`).join("\n");
  return [
    `/** \`enum ${model.file.name}\`: values travel as the constant names. */`,
    `export const ${name} = {\n${entries}\n} as const;`,
    `export type ${name} = (typeof ${name})[keyof typeof ${name}];`,
    `${define}(${q(model.file.name)}, Object.values(${name}));`,
  ].join("\n");
}

/** Members of `Error` a Java exception's field cannot redeclare in TS. */
const ERROR_MEMBERS = new Set(["message", "name", "stack", "cause", "javaClass"]);

/** A DTO or exception: `@JavaClass` with one `@JavaField` per serialized field, Java's order. */
export function renderClass(model: ClassModel, ctx: RenderContext): string {
  const javaName = model.file.name;
  const name = ctx.file.tsNameOf(javaName)!;
  const typeParameters = usedTypeParameters(model, ctx.model).map(
    (i) => model.typeParameters[i]!.name,
  );
  const scope: TypeScope = {
    longs: ctx.longs,
    nullable: ctx.nulls === "strict",
    onAny: () => ctx.file.noteAny(),
    typeParameters: model.typeParameters,
    tsTypeParameters: new Set(typeParameters),
    typeRef: (n) => ctx.file.typeRef(n),
  };
  const generics = typeParameters.length
    ? `<${typeParameters.map((p) => `${p} = unknown`).join(", ")}>`
    : "";
  let heritage = model.kind === "exception" ? " extends Error" : "";
  const parentRef = model.superclass ? ctx.file.typeRef(model.superclass) : undefined;
  if (model.superclass && parentRef) {
    const parent = ctx.file.tsNameOf(model.superclass, true)!;
    const sig = model.file.signature?.superclass;
    const args =
      sig?.kind === "class" && sig.args.length && parentRef.positions.length
        ? `<${parentRef.positions.map((i) => (sig.args[i] ? tsTypeNonNull(argOf(sig.args[i]), scope) : "unknown")).join(", ")}>`
        : "";
    heritage = ` extends ${parent}${args}`;
  }
  const inherited = inheritedFields(model, ctx.model);
  if (model.kind === "exception") for (const m of ERROR_MEMBERS) inherited.add(m);
  const fields = model.fields.filter((f) => !inherited.has(f.name));
  const lines = [
    `/** \`${javaName}\`${model.kind === "exception" ? " (an exception: throw it with its fields set)" : ""}. */`,
    `@${ctx.file.useCore("JavaClass")}(${q(javaName)})`,
    `export class ${name}${generics}${heritage} {`,
  ];
  if (model.kind === "exception") {
    const override = parentRef ? "override " : "";
    lines.push(`  ${override}readonly javaClass: string = ${q(javaName)};`);
  }
  for (const f of model.fields.filter((f) => inherited.has(f.name))) {
    lines.push(
      `  // Java field ${f.name} is not redeclared: it hides an inherited member of that name.`,
    );
  }
  const javaField = fields.length ? ctx.file.useCore("JavaField") : "";
  for (const f of fields) {
    const ts = tsType(f.type, scope);
    lines.push(`  @${javaField}(${q(javaTypeName(f.type, scope))})`);
    const init = initialValue(f.type, scope.nullable);
    lines.push(init === undefined ? `  ${f.name}!: ${ts};` : `  ${f.name}: ${ts} = ${init};`);
  }
  lines.push("}");
  return lines.join("\n");
}

/** Field names declared by the generated superclasses of `model`. */
function inheritedFields(model: ClassModel, all: ContractModel): Set<string> {
  const names = new Set<string>();
  for (
    let c = model.superclass ? all.types.get(model.superclass) : undefined;
    c && c.kind !== "service" && c.kind !== "enum";
    c = c.superclass ? all.types.get(c.superclass) : undefined
  ) {
    for (const f of c.fields) names.add(f.name);
  }
  return names;
}

/** Java's default value; a non-nullable reference field has none (it stays undefined until set). */
function initialValue(t: JType, nullable: boolean): string | undefined {
  if (t.kind !== "primitive") return nullable ? "null" : undefined;
  if (t.name === "boolean") return "false";
  if (t.name === "char") return q("\u0000");
  return "0";
}

const argOf = (a: JTypeArg): JType =>
  a.kind === "wildcard"
    ? a.variance === "extends" && a.bound
      ? a.bound
      : { kind: "class", name: "java.lang.Object", args: [] }
    : a;

/**
 * A Java interface → an abstract contract class whose methods return promises, with every Java
 * type on `@JavaInterface` (overloads as an array under their name), so that a provider
 * `extends` it and a `@Reference` typed with it needs nothing else.
 */
export function renderService(model: ServiceModel, ctx: RenderContext): string {
  const javaName = model.file.name;
  const name = ctx.file.tsNameOf(javaName)!;
  const classParams = model.file.signature?.typeParameters ?? [];
  const byName = new Map<string, MethodInfo[]>();
  for (const m of model.methods) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const decl: string[] = [];
  const members: string[] = [];
  for (const [methodName, overloads] of byName) {
    const entries = overloads.map((m) => {
      const scope = scopeOf(ctx, [...classParams, ...m.type.typeParameters], false);
      const params = m.type.params.map((p) => q(javaTypeName(p, scope))).join(", ");
      return `{ params: [${params}], returns: ${q(javaTypeName(wireReturn(m.type.returns), scope))} }`;
    });
    decl.push(`  ${methodName}: ${entries.length === 1 ? entries[0] : `[${entries.join(", ")}]`},`);
    for (const m of overloads) members.push(renderMethod(model, m, classParams, ctx));
  }
  const javaInterface = ctx.file.useCore("JavaInterface");
  return [
    `/** \`interface ${javaName}\`. */`,
    `@${javaInterface}<${name}>(${q(javaName)}, {`,
    ...decl,
    "})",
    `export abstract class ${name} {`,
    members.join("\n"),
    "}",
  ].join("\n");
}

function scopeOf(
  ctx: RenderContext,
  typeParameters: TypeScope["typeParameters"],
  nullable: boolean,
): TypeScope {
  return {
    longs: ctx.longs,
    nullable,
    onAny: () => ctx.file.noteAny(),
    typeParameters,
    tsTypeParameters: new Set(),
    typeRef: (n) => ctx.file.typeRef(n),
  };
}

/** `CompletableFuture<T>` → T (what travels); anything else as it is. */
function wireReturn(t: JType): JType {
  if (t.kind === "class" && t.name === FUTURE)
    return t.args[0] ? argOf(t.args[0]) : { kind: "class", name: "java.lang.Object", args: [] };
  return t;
}

function renderMethod(
  model: ServiceModel,
  m: MethodInfo,
  classParams: TypeScope["typeParameters"],
  ctx: RenderContext,
): string {
  const typeParameters = [...classParams, ...m.type.typeParameters];
  const paramScope = scopeOf(ctx, typeParameters, true);
  const names = parameterNames(model, m, ctx.sourceNames);
  const params = m.type.params.map((p, i) => `${names[i]}: ${tsType(p, paramScope)}`).join(", ");
  const ret = tsType(
    wireReturn(m.type.returns),
    scopeOf(ctx, typeParameters, ctx.nulls === "strict"),
  );
  const javaParams = m.type.params.map((p, i) => `${javaDisplay(p)} ${names[i]}`).join(", ");
  return [
    `  /** \`${javaDisplay(m.type.returns)} ${m.name}(${javaParams})\` */`,
    `  abstract ${m.name}(${params}): Promise<${ret}>;`,
  ].join("\n");
}

/** Names from the class file, else from the sources, else `arg0`… (as Java reflection names them). */
function parameterNames(model: ServiceModel, m: MethodInfo, sources: SourceNames): string[] {
  const owner = model.file.name;
  const simpleTypes = m.type.params.map((p) => javaDisplay(erase(p)));
  const found =
    m.parameterNames ??
    sources.get(`${owner}#${m.name}(${simpleTypes.join(",")})`) ??
    sources.get(`${owner}#${m.name}/${m.type.params.length}`);
  const names = m.type.params.map((_, i) => found?.[i] ?? `arg${i}`);
  return names.map((n, i) => {
    const safe = TS_RESERVED.has(n) ? `${n}_` : n;
    return names.indexOf(n) === i ? safe : `${safe}${i}`;
  });
}

function erase(t: JType): JType {
  if (t.kind === "class") return { ...t, args: [] };
  if (t.kind === "array") return { kind: "array", component: erase(t.component) };
  if (t.kind === "typevar") return { kind: "class", name: "java.lang.Object", args: [] };
  return t;
}

/** Java source-like text with simple names: `List<TbBrand>`, `Map<Long, ? extends Foo>`. */
export function javaDisplay(t: JType | JTypeArg): string {
  switch (t.kind) {
    case "primitive":
    case "typevar":
      return t.name;
    case "array":
      return `${javaDisplay(t.component)}[]`;
    case "wildcard":
      return t.bound ? `? ${t.variance} ${javaDisplay(t.bound)}` : "?";
    case "class": {
      const simple = t.name.slice(Math.max(t.name.lastIndexOf("."), t.name.lastIndexOf("$")) + 1);
      return t.args.length ? `${simple}<${t.args.map(javaDisplay).join(", ")}>` : simple;
    }
  }
}
