/**
 * Spawns the Java Dubbo provider and consumer of interop/java (a test fixture; see its README.md)
 * from the interop tests:
 *
 * ```ts
 * import { buildJava, runJavaConsumer, startJavaProvider } from "../../interop/java.js";
 * buildJava(); // once, e.g. in beforeAll: idempotent, ~0.1 s when nothing changed
 * const provider = await startJavaProvider({ version: "3.3", registry: inject("zkConnect") });
 * const run = await runJavaConsumer({ version: "2.7", registry: inject("zkConnect") });
 * expect(run.byCall.get("matrix.echoLong:2^63-1")?.match).toBe(true);
 * await provider.stop(); // SIGTERM: Dubbo's graceful shutdown, exit code 0
 * ```
 *
 * Only loopback: Java providers register and serve 127.0.0.1, on ports `freePort` picks.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@dubbo-ts/test-support";
import { ensureJavaAndMaven } from "../scripts/provision.mjs";

const JAVA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "java");

/**
 * Java Dubbo lines the fixture builds, and the Maven module of each. "2.6" is the legacy
 * com.alibaba:dubbo line (issue 9); the others are Apache Dubbo.
 */
export const JAVA_DUBBO = {
  "2.6": { module: "dubbo26", release: "2.6.12" },
  "2.7": { module: "dubbo27", release: "2.7.23" },
  "3.3": { module: "dubbo33", release: "3.3.6" },
} as const;

export type JavaDubboVersion = keyof typeof JAVA_DUBBO;

/** Services a Java provider can export / a Java consumer can exercise (both by default). */
export type JavaService = "brand" | "matrix";

/**
 * Builds interop/java with Maven if any source changed (interop/java/build.sh): the first build
 * downloads the Dubbo artifacts into ~/.m2; later calls return in well under a second. Throws with
 * Maven's output when the build fails.
 */
export function buildJava(timeoutMs = 600_000): void {
  ensureJavaAndMaven();
  try {
    execFileSync("bash", [path.join(JAVA_DIR, "build.sh")], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
      encoding: "utf8",
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `interop/java/build.sh failed: ${err.message}\n${err.stdout ?? ""}${err.stderr ?? ""}`,
    );
  }
}

/** The `java` argv (after the executable) that runs `mainClass` of a version's module. */
export function javaArgs(version: JavaDubboVersion, mainClass: string, args: string[]): string[] {
  const module = JAVA_DUBBO[version].module;
  let classpath: string;
  try {
    classpath = readFileSync(
      path.join(JAVA_DIR, module, "target", "runtime-classpath.txt"),
      "utf8",
    ).trim();
  } catch {
    throw new Error(`interop/java/${module} is not built: call buildJava() first`);
  }
  const jvmOptions = readFileSync(path.join(JAVA_DIR, "jvm-options.txt"), "utf8")
    .split(/\s+/)
    .filter(Boolean);
  return [
    ...jvmOptions,
    "-Xss512k",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-cp",
    classpath,
    `com.jd.interop.dubbo.${mainClass}`,
    ...args,
  ];
}

/** What a provider prints after `READY `. */
export interface JavaProviderReady {
  role: "provider";
  dubbo: string;
  host: string;
  port: number;
  application: string;
  registry: string;
  services: string[];
  /** The URLs Dubbo exported (all `dubbo://127.0.0.1:<port>/…`; the provider exits 3 otherwise). */
  urls: string[];
  pid: number;
}

export interface JavaProviderOptions {
  version: JavaDubboVersion;
  /** `127.0.0.1:p1,127.0.0.1:p2,…` (vitest's zkConnect) or `zookeeper://h:p?backup=h:p,h:p`. */
  registry: string;
  /** Dubbo port; a free one when omitted. */
  port?: number;
  application?: string;
  services?: JavaService[];
  /** `dubbo.service.shutdown.wait` in ms (Dubbo's default 10000). */
  shutdownWaitMs?: number;
  /** Extra JVM options, e.g. `-Ddubbo.application.register-mode=interface`. */
  jvmOptions?: string[];
  readyTimeoutMs?: number;
}

export interface JavaProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface JavaProvider {
  readonly version: JavaDubboVersion;
  readonly port: number;
  readonly ready: JavaProviderReady;
  readonly process: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<JavaProcessExit>;
  /** Everything printed so far (stderr carries Dubbo's WARN/ERROR log). */
  stdout(): string;
  stderr(): string;
  /**
   * Sends `signal` (SIGTERM: Dubbo's graceful shutdown — "R" event, unregister, wait for clients
   * up to shutdownWaitMs — then exit 0) and waits for the exit; SIGKILLs after `timeoutMs`.
   */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<JavaProcessExit>;
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<JavaProcessExit>;
  out: () => string;
  err: () => string;
  onLine: (fn: (line: string) => void) => void;
}

const MAX_LOG = 1 << 20;

/**
 * What a failed start's message shows of stderr: the lines that name an exception and its causes
 * (the first ones are the real cause; a stack's tail usually is not), then the last 3000 characters.
 */
export function stderrDigest(err: string): string {
  const causes = err
    .split("\n")
    .filter((l) => /^(\S*(Exception|Error)\b|Caused by:)/.test(l))
    .slice(0, 12)
    .map((l) => l.slice(0, 600));
  const head = causes.length > 0 ? `causes:\n${causes.join("\n")}\n… tail:\n` : "";
  return head + err.slice(-3000);
}

function spawnJava(
  version: JavaDubboVersion,
  mainClass: string,
  args: string[],
  jvm: string[],
): Spawned {
  const argv = javaArgs(version, mainClass, args);
  const child = spawn("java", [...jvm, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  let partial = "";
  const listeners: ((line: string) => void)[] = [];
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    if (out.length < MAX_LOG * 16) out += chunk;
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) for (const fn of listeners) fn(line);
  });
  child.stderr?.on("data", (chunk: string) => {
    err = (err + chunk).slice(-MAX_LOG);
  });
  const exited = new Promise<JavaProcessExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    exited,
    out: () => out,
    err: () => err,
    onLine: (fn) => listeners.push(fn),
  };
}

async function stopProcess(
  p: Spawned,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<JavaProcessExit> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.exited;
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill("SIGKILL"), timeoutMs);
  try {
    return await p.exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a Java provider exporting BrandService and TypeMatrixService (version 1.0.0) and resolves
 * once it printed READY (exported and registered in ZooKeeper). Rejects with its stderr tail when
 * it exits or times out first.
 */
export async function startJavaProvider(options: JavaProviderOptions): Promise<JavaProvider> {
  const port = options.port ?? (await freePort());
  const args = ["--registry", options.registry, "--port", String(port)];
  if (options.application) args.push("--app", options.application);
  if (options.services) args.push("--services", options.services.join(","));
  if (options.shutdownWaitMs !== undefined)
    args.push("--shutdown-wait", String(options.shutdownWaitMs));
  const p = spawnJava(options.version, "ProviderMain", args, options.jvmOptions ?? []);
  const ready = await new Promise<JavaProviderReady>((resolve, reject) => {
    const timeoutMs = options.readyTimeoutMs ?? 90_000;
    const timer = setTimeout(() => {
      p.child.kill("SIGKILL");
      reject(
        new Error(
          `Java ${options.version} provider not READY after ${timeoutMs} ms\n${stderrDigest(p.err())}`,
        ),
      );
    }, timeoutMs);
    p.onLine((line) => {
      if (!line.startsWith("READY ")) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as JavaProviderReady);
    });
    void p.exited.then((exit) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Java ${options.version} provider exited (${exit.code ?? exit.signal}) before READY\n${stderrDigest(p.err())}`,
        ),
      );
    });
  });
  return {
    version: options.version,
    port,
    ready,
    process: p.child,
    exited: p.exited,
    stdout: p.out,
    stderr: p.err,
    stop: (signal = "SIGTERM", timeoutMs = 30_000) => stopProcess(p, signal, timeoutMs),
  };
}

/** One call of the Java consumer (format in interop/java/README.md). */
export interface JavaCallResult {
  call: string;
  ok: boolean;
  /** The result in the interop JSON convention (longs and BigDecimals as strings, Dates ISO). */
  value?: unknown;
  error?: {
    class: string;
    message: string | null;
    rpcCode?: number;
    code?: number;
    cause?: string;
  };
  /** What the call should give: `{ value }`, or `{ error: class | "timeout" | "any" }`; absent: any success. */
  expect?: { value?: unknown; error?: string };
  /** The result met `expect`. */
  match: boolean;
  ms: number;
}

export interface JavaConsumerRun {
  exit: JavaProcessExit;
  /** The consumer's READY line (providers answered), if it got that far. */
  ready?: Record<string, unknown>;
  calls: JavaCallResult[];
  byCall: Map<string, JavaCallResult>;
  /** The final `{"done":true,"calls":n,"ok":n,"match":n,"nonce":…}` line. */
  done?: { done: true; calls: number; ok: number; match: number; nonce: string };
  /** `{"fatal":…}` when no provider answered in time (exit code 2). */
  fatal?: { fatal: string; error?: string };
  stdout: string;
  stderr: string;
}

export interface JavaConsumerOptions {
  version: JavaDubboVersion;
  registry: string;
  application?: string;
  services?: JavaService[];
  /** Reference timeout in ms (default 5000; `sleep` has its own 500). */
  timeoutMs?: number;
  /** How long the consumer waits for providers to answer (default 30000). */
  waitMs?: number;
  jvmOptions?: string[];
  /** Kill the consumer after this long (default 180000). */
  killAfterMs?: number;
}

/**
 * Runs the Java consumer to completion: it waits for providers of the requested services, makes
 * every call and prints one JSON line per call. Resolves with the parsed lines (never rejects for
 * failed calls: look at `ok`/`match`); rejects only if the process cannot be started.
 */
export async function runJavaConsumer(options: JavaConsumerOptions): Promise<JavaConsumerRun> {
  const args = ["--registry", options.registry];
  if (options.application) args.push("--app", options.application);
  if (options.services) args.push("--services", options.services.join(","));
  if (options.timeoutMs !== undefined) args.push("--timeout", String(options.timeoutMs));
  if (options.waitMs !== undefined) args.push("--wait-ms", String(options.waitMs));
  const p = spawnJava(options.version, "ConsumerMain", args, options.jvmOptions ?? []);
  const timer = setTimeout(() => p.child.kill("SIGKILL"), options.killAfterMs ?? 180_000);
  const exit = await p.exited;
  clearTimeout(timer);
  const run: JavaConsumerRun = {
    exit,
    calls: [],
    byCall: new Map(),
    stdout: p.out(),
    stderr: p.err(),
  };
  for (const line of p.out().split("\n")) {
    if (line.startsWith("READY ")) {
      run.ready = JSON.parse(line.slice(6)) as Record<string, unknown>;
    } else if (line.startsWith("{")) {
      const obj = JSON.parse(line) as Record<string, unknown>;
      if (typeof obj.call === "string") {
        const call = obj as unknown as JavaCallResult;
        run.calls.push(call);
        run.byCall.set(call.call, call);
      } else if (obj.done === true)
        run.done = obj as unknown as NonNullable<JavaConsumerRun["done"]>;
      else if (typeof obj.fatal === "string")
        run.fatal = obj as unknown as NonNullable<JavaConsumerRun["fatal"]>;
    }
  }
  return run;
}

/** One consumer cell of DiscoveryConsumerMain (interop/java/dubbo33). */
export interface JavaDiscoveryCell {
  name: string;
  /** `zookeeper://…` (registryAddress). */
  registry: string;
  /** The reference's `migration.step`. */
  step: "FORCE_INTERFACE" | "APPLICATION_FIRST" | "FORCE_APPLICATION";
  /** How long the cell waits for `whoAmI` to answer. */
  waitMs: number;
}

/** What one cell printed: `answer` is the `whoAmI` answer when `ok`, else `error` says why. */
export interface JavaDiscoveryResult {
  cell: string;
  ok: boolean;
  answer: string | null;
  error: string | null;
  ms: number;
}

/**
 * Runs Java 3.3 consumer cells in one JVM (DiscoveryConsumerMain: one Dubbo instance per cell,
 * side by side) and resolves with each cell's outcome by name, plus the process output.
 */
export async function runJavaDiscoveryConsumers(
  cells: readonly JavaDiscoveryCell[],
  killAfterMs = 180_000,
): Promise<{ results: Map<string, JavaDiscoveryResult>; exit: JavaProcessExit; stderr: string }> {
  const args = cells.map((c) => `${c.name}|${c.registry}|${c.step}|${c.waitMs}`);
  const p = spawnJava("3.3", "DiscoveryConsumerMain", args, []);
  const timer = setTimeout(() => p.child.kill("SIGKILL"), killAfterMs);
  const exit = await p.exited;
  clearTimeout(timer);
  const results = new Map<string, JavaDiscoveryResult>();
  for (const line of p.out().split("\n")) {
    if (!line.startsWith('{"cell"')) continue;
    const r = JSON.parse(line) as JavaDiscoveryResult;
    results.set(r.cell, r);
  }
  return { results, exit, stderr: p.err() };
}
