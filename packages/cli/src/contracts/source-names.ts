/**
 * Parameter names from `.java` sources, for class files compiled without `-parameters` (an
 * interface's abstract methods have no `LocalVariableTable`, so the class file alone gives only
 * `arg0`, `arg1`…). Not a Java parser: it strips comments, literals and annotations, follows
 * braces to know which (nested) type a declaration is in, and reads `name(Type a, Type b)` method
 * headers. Keys are `binaryName#method(SimpleType,SimpleType)` and, as a fallback,
 * `binaryName#method/arity`.
 */
export type SourceNames = ReadonlyMap<string, readonly string[]>;

const NOT_METHODS = new Set([
  "if",
  "for",
  "while",
  "switch",
  "catch",
  "synchronized",
  "return",
  "new",
  "throw",
  "else",
  "try",
]);

/** Parameter names of every method declared in the given sources. */
export function readSourceNames(sources: readonly { readonly text: string }[]): SourceNames {
  const names = new Map<string, string[]>();
  const ambiguous = new Set<string>();
  for (const { text } of sources) {
    const code = stripAnnotations(stripCommentsAndLiterals(text));
    const pkg = /\bpackage\s+([\w.]+)\s*;/.exec(code)?.[1];
    const prefix = pkg ? `${pkg}.` : "";
    const stack: { name: string; depth: number }[] = [];
    let depth = 0;
    let pendingType: string | undefined;
    const token =
      /\b(class|interface|enum|record)\s+(\w+)|([\w$]+)\s*\(([^()]*)\)\s*(?:throws\s+[\w.$,\s]+)?(?=[;{])|[{}]/g;
    for (const m of code.matchAll(token)) {
      if (m[0] === "{") {
        depth++;
        if (pendingType !== undefined) {
          stack.push({ name: pendingType, depth });
          pendingType = undefined;
        }
      } else if (m[0] === "}") {
        if (stack.at(-1)?.depth === depth) stack.pop();
        depth--;
      } else if (m[2] !== undefined) {
        const outer = stack.at(-1);
        pendingType = outer ? `${outer.name}$${m[2]}` : `${prefix}${m[2]}`;
      } else if (m[3] !== undefined && !NOT_METHODS.has(m[3])) {
        const owner = stack.at(-1);
        if (!owner || owner.depth !== depth) continue; // inside a method body or an initializer
        const params = splitParams(m[4]!);
        const key = `${owner.name}#${m[3]}(${params.map((p) => p.type).join(",")})`;
        names.set(
          key,
          params.map((p) => p.name),
        );
        const arity = `${owner.name}#${m[3]}/${params.length}`;
        if (names.has(arity)) ambiguous.add(arity);
        names.set(
          arity,
          params.map((p) => p.name),
        );
      }
    }
  }
  for (const key of ambiguous) names.delete(key);
  return names;
}

function splitParams(list: string): { type: string; name: string }[] {
  const out: { type: string; name: string }[] = [];
  let level = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "<") level++;
    else if (c === ">") level--;
    else if (c === "," && level === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  for (const raw of parts) {
    const p = raw
      .replace(/\bfinal\b/g, "")
      .replace(/<[\s\S]*>/g, "")
      .trim();
    if (p === "") continue;
    const m = /^(.*?)\s*([\w$]+)\s*((?:\[\s*\])*)$/.exec(p);
    if (!m) continue;
    const dims = `${m[3] ?? ""}`.replace(/\s/g, "");
    const type = `${m[1]!.replace(/\s/g, "").replace(/\.\.\.$/, "[]")}${dims}`;
    out.push({
      type: type.slice(Math.max(type.lastIndexOf("."), type.lastIndexOf("$")) + 1),
      name: m[2]!,
    });
  }
  return out;
}

/** Comments, string/char/text-block literals become spaces (keeping braces meaningful). */
function stripCommentsAndLiterals(text: string): string {
  return text.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g,
    (m) => (m.startsWith("/") ? " " : '""'),
  );
}

/** `@Foo`, `@a.b.Foo(...)` with balanced parentheses → removed. */
function stripAnnotations(code: string): string {
  let out = "";
  for (let i = 0; i < code.length; ) {
    const m =
      code[i] === "@" ? /^@\s*(?!interface\b)[\w.$]+\s*/.exec(code.slice(i, i + 200)) : null;
    if (!m) {
      out += code[i];
      i++;
      continue;
    }
    i += m[0].length;
    if (code[i] === "(") {
      let level = 0;
      do {
        if (code[i] === "(") level++;
        else if (code[i] === ")") level--;
        i++;
      } while (level > 0 && i < code.length);
    }
    out += " ";
  }
  return out;
}
