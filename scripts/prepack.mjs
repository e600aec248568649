#!/usr/bin/env node
// `prepack` of every publishable package (run by `npm pack` / `npm publish` in the package's
// folder): removes the package's dist/ and builds it again with `tsc -b`, so that the tarball
// holds exactly what the current sources compile to — no output of a deleted or renamed source
// file left over from an earlier build. The packages it references are brought up to date by
// `tsc -b` as usual. See docs/packaging.md.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const tsc = createRequire(path.resolve("package.json")).resolve("typescript/bin/tsc");
rmSync("dist", { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-b"], { stdio: "inherit" });
