// `--compare=<git ref>`: the same benchmark on another commit, in the same run, so that a change's
// effect is a same-run ratio instead of a comparison between two runs on a noisy machine.
//
// The ref's tree is exported with `git archive` into a temporary directory (no `git worktree`, so
// the repository's worktree list is left alone), given a node_modules of its own — every package of
// this checkout's node_modules linked in, except the workspace packages (`@dubbo-ts/*`), which are
// linked to the ref's own sources — and built with `tsc -b`. Its bench agents then run from there.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const WORKSPACE_SCOPE = "@dubbo-ts";

function git(args, options = {}) {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", ...options }).trim();
}

/** Links every package of this checkout's node_modules into `dir/node_modules`, workspaces excepted. */
function linkNodeModules(dir) {
  const from = path.join(root, "node_modules");
  const to = path.join(dir, "node_modules");
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name === WORKSPACE_SCOPE || name === ".package-lock.json") continue;
    const target = path.join(to, name);
    if (!existsSync(target)) symlinkSync(path.join(from, name), target);
  }
  // npm links workspaces relatively (../../packages/core): the same relative links inside the
  // ref's tree point at the ref's packages.
  const scope = path.join(to, WORKSPACE_SCOPE);
  mkdirSync(scope, { recursive: true });
  for (const name of readdirSync(path.join(from, WORKSPACE_SCOPE))) {
    const link = readlinkSync(path.join(from, WORKSPACE_SCOPE, name));
    const target = path.join(scope, name);
    if (!existsSync(target) && existsSync(path.resolve(scope, link))) symlinkSync(link, target);
  }
}

/**
 * Exports and builds `ref` (cached per commit under the OS temp directory); resolves with the
 * directory, the commit and a label. Throws with git's or tsc's message when the ref is unknown or
 * does not build.
 */
export function prepareRef(ref, log = () => {}) {
  const commit = git(["rev-parse", "--verify", `${ref}^{commit}`]);
  const short = commit.slice(0, 10);
  const dir = path.join(os.tmpdir(), `dubbo-ts-bench-${short}`);
  const done = path.join(dir, ".bench-ready");
  if (!existsSync(done)) {
    log(`--compare: exporting ${ref} (${short}) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C '${dir}'`], { cwd: root });
    linkNodeModules(dir);
    log(`--compare: building ${short} (tsc -b)`);
    execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-b"], {
      cwd: dir,
      stdio: ["ignore", "inherit", "inherit"],
    });
    writeFileSync(done, `${commit}\n`);
  }
  return { dir, commit, label: `${ref} (${short})` };
}

/**
 * An implementation whose agents are the ref's own `bench/agent.mjs` with its `dubbo-ts` adapter,
 * so the ref's client talks to the ref's server, both on the ref's build.
 */
export function refImpl(prepared, implName = "dubbo-ts") {
  const agent = path.join(prepared.dir, "bench", "agent.mjs");
  return {
    name: `${implName}@ref`,
    label: `${implName} @ ${prepared.label}`,
    serverCommand: () => ({
      command: process.execPath,
      args: [agent, "server", implName],
      cwd: prepared.dir,
    }),
    clientCommand: ({ port }) => ({
      command: process.execPath,
      args: [agent, "client", implName, String(port)],
      cwd: prepared.dir,
    }),
  };
}

/** `Symbol.for` key of @dubbo-ts/core's process mark (packages/core/src/single-core.ts). */
const CORE_MARK = Symbol.for("@dubbo-ts/core");

/**
 * The ref's codec adapter (its own @dubbo-ts packages), or a reason it cannot be loaded. The ref
 * brings a second copy of @dubbo-ts/core into this process on purpose, which core refuses (the
 * first copy used marks the process). Each copy checks once, at its first use, so the ref's copy
 * is used once here with the mark taken away, and then ours is put back: both copies have
 * checked, each keeps its own Java class table, and the codecs stay in one process (interleaved).
 */
export async function loadRefCodec(prepared) {
  const ours = globalThis[CORE_MARK];
  delete globalThis[CORE_MARK];
  try {
    const mod = await import(path.join(prepared.dir, "bench", "impls", "dubbo-ts-codec.mjs"));
    const reason = await mod.default.unavailable?.();
    if (reason) return { reason };
    const { makeUser, USER_CLASS } = await import(
      path.join(prepared.dir, "bench", "lib", "payloads.mjs")
    );
    const codec = mod.default;
    const user = codec.prepare ? codec.prepare(makeUser(1), USER_CLASS) : makeUser(1);
    codec.decode?.(codec.encode(user, USER_CLASS), USER_CLASS);
    return { codec };
  } catch (err) {
    return { reason: `no codec adapter at the ref: ${err.message.split("\n")[0]}` };
  } finally {
    if (ours) globalThis[CORE_MARK] = ours;
  }
}
