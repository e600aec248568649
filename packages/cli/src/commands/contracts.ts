import path from "node:path";
import { type Command, EXIT, parseCommandLine, UsageError } from "../command.js";
import { type Generated, generateContracts } from "../contracts/generate.js";
import { diffOutput, writeOutput } from "../contracts/output-dir.js";

const USAGE = `usage: dubbo-ts contracts <api.jar | classes dir | sources dir>... --out <dir> [options]

Generates the TypeScript contracts of a Java API (one file per Java package): @JavaInterface
contract classes for interfaces, @JavaClass DTOs and exceptions, defineJavaEnum enums, with the
Java type names the runtime needs. Reads class files (no JVM needed); .java sources or a
-sources.jar given as well supply parameter names when the class files lack them.

options:
  --out <dir>          where the .ts files go (required)
  --package <prefix>   Java package(s) to generate, e.g. com.jd (repeatable; default: all)
  --exclude <prefix>   package(s) or classes to leave out (repeatable)
  --longs number|bigint  TS type of long/Long: number (default, the protocol's default) or
                       bigint | number (for a protocol with longs: "bigint")
  --nulls strict|loose which Java references are typed "| null": strict (default) every one,
                       as Java allows; loose parameters only (results and DTO fields non-null)
  --check              write nothing; exit 1 when the files in --out are not what would be generated
  --json               print the report as JSON
`;

function parse(args: readonly string[]) {
  return parseCommandLine(args, {
    out: { type: "string" },
    package: { type: "string", multiple: true },
    exclude: { type: "string", multiple: true },
    longs: { type: "string" },
    nulls: { type: "string" },
    check: { type: "boolean" },
    json: { type: "boolean" },
  });
}

/** `dubbo-ts contracts`: Java API (jar, class or source directory) → TypeScript contracts. */
export const contractsCommand: Command = {
  name: "contracts",
  summary: "generate TypeScript contracts from a Java API jar, class directory or sources",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parse(args);
    if (positionals.length === 0) throw new UsageError("give at least one .jar or directory");
    if (!values.out) throw new UsageError("--out <dir> is required");
    const longs = values.longs ?? "number";
    if (longs !== "number" && longs !== "bigint") {
      throw new UsageError(`--longs must be "number" or "bigint", got "${longs}"`);
    }
    const nulls = values.nulls ?? "strict";
    if (nulls !== "loose" && nulls !== "strict") {
      throw new UsageError(`--nulls must be "loose" or "strict", got "${nulls}"`);
    }
    const result = generateContracts({
      inputs: positionals.map((p) => inputLabel(p, io.cwd)),
      packages: values.package,
      exclude: values.exclude,
      longs,
      nulls,
    });
    const out = path.resolve(io.cwd, values.out);
    const diff = values.check ? diffOutput(out, result.files) : writeOutput(out, result.files);
    const upToDate = diff.outdated.length === 0 && diff.stale.length === 0;
    if (values.json) {
      io.out(
        `${JSON.stringify({ out: values.out, check: values.check ?? false, upToDate, ...diff, generated: result.generated, skipped: result.skipped }, null, 2)}\n`,
      );
    } else io.out(report(values.out, result, diff, values.check ?? false));
    return values.check && !upToDate ? EXIT.failed : EXIT.ok;
  },
};

/**
 * The input as the header names it: relative to the working directory when inside it (stable
 * across machines and checkouts), else absolute (a jar in ~/.m2 or /tmp).
 */
function inputLabel(input: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, input));
  return relative === "" ? "." : relative.startsWith("..") ? path.resolve(cwd, input) : relative;
}

function report(
  out: string,
  result: Generated,
  diff: ReturnType<typeof diffOutput>,
  check: boolean,
): string {
  const lines: string[] = [];
  const count = (kind: string) => result.generated.filter((g) => g.kind === kind).length;
  lines.push(
    `${result.generated.length} types in ${result.files.size} files: ${count("service")} services, ${count("dto")} DTOs, ${count("enum")} enums, ${count("exception")} exceptions`,
  );
  for (const g of result.generated) lines.push(`  ${g.kind.padEnd(9)} ${g.name}`);
  if (result.skipped.length) {
    lines.push(`skipped ${result.skipped.length}:`);
    for (const s of result.skipped) lines.push(`  ${s.name}: ${s.reason}`);
  }
  if (check) {
    if (diff.outdated.length === 0 && diff.stale.length === 0) lines.push(`${out}: up to date`);
    for (const f of diff.outdated)
      lines.push(`${out}/${f}: out of date (run without --check to regenerate)`);
    for (const f of diff.stale)
      lines.push(`${out}/${f}: no longer generated (run without --check to delete it)`);
    for (const f of diff.sourceChanged)
      lines.push(`${out}/${f}: same code, the source hash in its header changed`);
  } else {
    const written = diff.outdated.length + diff.sourceChanged.length;
    lines.push(
      `${out}: ${written} written, ${result.files.size - written} unchanged, ${diff.stale.length} deleted`,
    );
  }
  return `${lines.join("\n")}\n`;
}
