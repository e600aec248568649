import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GENERATED_MARK } from "./generate.js";

/** How the files on disk compare with freshly generated ones. */
export interface OutputDiff {
  /** Files whose code differs, or that are missing. */
  readonly outdated: readonly string[];
  /** Files whose code is the same but whose header names another source hash. */
  readonly sourceChanged: readonly string[];
  /** Generated files on disk that the input no longer produces. */
  readonly stale: readonly string[];
}

/** The text without the header lines naming the inputs and their hashes (`//   path (sha256 …)`). */
function code(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.startsWith("//   "))
    .join("\n");
}

/**
 * Compares `files` with the generated files in `dir`. Only the code counts as out of date: a
 * class directory rebuilt by another javac, or a jar re-packed with new timestamps, changes the
 * hash in the header but not the contracts, and CI should not fail for that.
 */
export function diffOutput(dir: string, files: ReadonlyMap<string, string>): OutputDiff {
  const outdated: string[] = [];
  const sourceChanged: string[] = [];
  for (const [name, text] of files) {
    let current: string | undefined;
    try {
      current = readFileSync(path.join(dir, name), "utf8");
    } catch {
      current = undefined;
    }
    if (current === undefined || code(current) !== code(text)) outdated.push(name);
    else if (current !== text) sourceChanged.push(name);
  }
  const stale = generatedFilesIn(dir).filter((name) => !files.has(name));
  return { outdated, sourceChanged, stale };
}

/**
 * Writes `files` into `dir` (created if needed), leaving files that are already identical
 * untouched, and deletes generated files the input no longer produces. Files without the
 * generated-file mark are never touched.
 */
export function writeOutput(dir: string, files: ReadonlyMap<string, string>): OutputDiff {
  const diff = diffOutput(dir, files);
  mkdirSync(dir, { recursive: true });
  for (const name of [...diff.outdated, ...diff.sourceChanged]) {
    writeFileSync(path.join(dir, name), files.get(name)!);
  }
  for (const name of diff.stale) rmSync(path.join(dir, name));
  return diff;
}

function generatedFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".ts"));
  } catch {
    return [];
  }
  return names
    .filter((n) => readFileSync(path.join(dir, n), "utf8").startsWith(GENERATED_MARK))
    .sort();
}
