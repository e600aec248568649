#!/usr/bin/env node
// Runs vitest (all projects, or the arguments given) and ends with one plain line that any CI can
// read: "Tests: N passed, N failed[, N skipped]". Exit code is vitest's.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const out = "test-results/vitest.json";
mkdirSync("test-results", { recursive: true });
rmSync(out, { force: true });
const run = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
let code = run.status ?? 1;
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(
    `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
  );
  if (r.numTotalTests === 0) {
    console.error("vitest ran no test");
    code = 1;
  }
} else {
  console.log("Tests: 0 passed, 1 failed");
  console.error("vitest wrote no results (it crashed before running tests)");
  code ||= 1;
}
process.exit(code);
