import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type ClassFile, readClassFile } from "./class-file.js";
import { readZip } from "./zip.js";

/** One input as the generator's header names it. */
export interface InputSource {
  /** The path as given, with `/` separators (stable across machines when given relatively). */
  readonly label: string;
  /** sha256 of the jar file, or of a directory's `.class`/`.java` files (sorted path + bytes). */
  readonly sha256: string;
}

/** Everything read from the inputs: class files by binary name, `.java` texts by path. */
export interface ClassInput {
  readonly sources: readonly InputSource[];
  /** Binary name (`com.jd.Outer$Inner`) → the parsed class file, parsed on first use. */
  classFile(name: string): ClassFile | undefined;
  /** Binary names of every class found, sorted. */
  readonly classNames: readonly string[];
  /** `.java` sources found in the inputs (for parameter names), sorted by path. */
  readonly javaSources: readonly { readonly path: string; readonly text: string }[];
}

interface RawFile {
  readonly path: string;
  read(): Uint8Array;
}

/**
 * Reads a `.jar`/`.zip` (classes or `-sources.jar`) or a directory (a class directory such as
 * `target/classes`, or a source tree) per input. A path that does not exist, or contains neither
 * class files nor Java sources, is a TypeError that names it.
 */
export function readClassInput(inputs: readonly string[]): ClassInput {
  const sources: InputSource[] = [];
  const classes = new Map<string, RawFile>();
  const javaSources: { path: string; text: string }[] = [];
  for (const input of inputs) {
    const label = input.split(path.sep).join("/");
    let files: RawFile[];
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(input);
    } catch {
      throw new TypeError(
        `${label}: no such file or directory (give a .jar, a class directory or a source directory)`,
      );
    }
    const hash = createHash("sha256");
    if (stat.isDirectory()) {
      files = listDirectory(input).map((rel) => {
        const full = path.join(input, rel);
        return { path: rel, read: () => readFileSync(full) };
      });
      for (const f of files) hash.update(`${f.path}\0`).update(f.read());
    } else {
      const bytes = readFileSync(input);
      hash.update(bytes);
      files = readZip(bytes, label)
        .filter((e) => /\.(class|java)$/.test(e.name))
        .map((e) => ({ path: e.name, read: () => e.read() }));
    }
    if (files.length === 0) {
      throw new TypeError(`${label}: contains no .class or .java files`);
    }
    sources.push({ label, sha256: hash.digest("hex") });
    for (const f of files) {
      if (f.path.endsWith(".java")) {
        javaSources.push({ path: `${label}!/${f.path}`, text: new TextDecoder().decode(f.read()) });
      } else if (
        !/(^|\/)(module-info|package-info)\.class$/.test(f.path) &&
        !f.path.startsWith("META-INF/")
      ) {
        const name = f.path.slice(0, -".class".length).replace(/\//g, ".");
        if (!classes.has(name)) classes.set(name, f);
      }
    }
  }
  const parsed = new Map<string, ClassFile>();
  return {
    sources,
    classNames: [...classes.keys()].sort(),
    javaSources: javaSources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    classFile(name) {
      let c = parsed.get(name);
      if (c) return c;
      const raw = classes.get(name);
      if (!raw) return undefined;
      c = readClassFile(raw.read(), raw.path);
      parsed.set(name, c);
      return c;
    },
  };
}

/** Relative paths of the `.class` and `.java` files under `dir`, sorted. */
function listDirectory(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.(class|java)$/.test(entry.name)) out.push(child);
    }
  };
  walk("");
  return out.sort();
}
