#!/usr/bin/env node
// Fails when code, tests, fixtures or package docs cite a document a maintainer who clones the
// repository cannot open. Citations must name Java sources, RFCs, CVEs or a file in docs/
// (`docs/hostile-input-and-failures.md R10`, `docs/wire-format.md`). Caught:
//   - the design notes the project was built from (the NOTES below, as `<name>.md`) named without
//     `docs/` (whatever folder precedes them), or as a `docs/` file that does not exist;
//   - bare section numbers (`§1.9`) that point into such a document. A public spec's sections
//     (RFC, JLS, JVMS, ECMA, ISO, PKWARE APPNOTE) may be cited on a line that names the spec.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const NOTES = [
  "style",
  "robustness",
  "dubbo-protocol",
  "performance",
  "node-ecosystem",
  "dubbo3-observed",
];
const NOTE = new RegExp(`(^|[^\\w-])((?:[\\w.-]+/)*)(${NOTES.join("|")})\\.md\\b`, "g");
const SECTION = /§\s*\d/;
const SECTION_SOURCE = /\b(RFC|JLS|JVMS|ECMA|APPNOTE|ISO)\b/;

const ROOTS = ["packages", "examples", "interop", "bench", "test", "scripts", "docs"];
const SKIP = new Set(["node_modules", "dist", "target", ".git"]);
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|json|md|java|sh|xml|ya?ml|proto|properties|txt|html)$/;

/**
 * The outside citations in one file's text: `{ line, text, why }` for each offending line (1-based).
 * `docsExists(name)` says whether `docs/<name>` exists in the repository.
 */
export function findCitations(text, docsExists = () => false) {
  const found = [];
  text.split("\n").forEach((line, i) => {
    const why = [];
    for (const m of line.matchAll(NOTE)) {
      const name = `${m[3]}.md`;
      if (!m[2].endsWith("docs/")) why.push(`${name} is not in the repository`);
      else if (!docsExists(name)) why.push(`docs/${name} does not exist`);
    }
    if (SECTION.test(line) && !SECTION_SOURCE.test(line))
      why.push("a section number of no named source");
    if (why.length > 0) found.push({ line: i + 1, text: line.trim(), why: why.join("; ") });
  });
  return found;
}

function* textFiles(dir) {
  for (const entry of readdirSync(dir)) {
    if (SKIP.has(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* textFiles(full);
    else if (TEXT.test(entry)) yield full;
  }
}

function main() {
  const docsExists = (name) => existsSync(path.join("docs", name));
  const files = [
    "README.md",
    ...ROOTS.filter((r) => existsSync(r)).flatMap((r) => [...textFiles(r)]),
  ];
  const problems = [];
  for (const file of files) {
    // This script and its test quote what they catch.
    if (path.basename(file).startsWith("check-citations.") || !existsSync(file)) continue;
    for (const c of findCitations(readFileSync(file, "utf8"), docsExists)) {
      problems.push(`${file}:${c.line}: ${c.why}\n    ${c.text.slice(0, 160)}`);
    }
  }
  if (problems.length > 0) {
    console.error(
      `${problems.join("\n")}\n\n${problems.length} citation(s) a maintainer cannot open. Cite a Java ` +
        "source (file/class), an RFC, a CVE, or a document in docs/ (docs/hostile-input-and-failures.md <ID>, " +
        "docs/wire-format.md, docs/performance-notes.md); move the fact you need into docs/ first.",
    );
    process.exit(1);
  }
  console.log(`citations: ${files.length} files checked, none points outside the repository`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  main();
