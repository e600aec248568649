import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The `--import` hook that runs TypeScript sources in a child `node --conditions=source`. */
export const REGISTER_TS = here("./register-ts.mjs");

/** A provider child process started from a TypeScript script (see `startProviderProcess`). */
export interface ProviderProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** `kill -9`: no unregister, no "R", sockets reset. */
  kill(): void;
  /** Everything the process wrote on stderr so far. */
  readonly stderr: () => string;
  /** SIGTERM: graceful close; resolves with the exit code. */
  stop(): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

/**
 * Starts `script` in a child process (TypeScript through register-ts.mjs, `@dubbo-ts/*` resolved to
 * their sources) with the other options as one JSON argument, and resolves once the script printed
 * `READY <port>` (rejects if it exits first or takes over 60 s).
 */
export function startProviderProcess(options: {
  /** The provider script (TypeScript is fine: it runs with register-ts.mjs and `--conditions=source`). */
  script: URL | string;
  name: string;
  zk: string;
  callLog: string;
  interface: string;
  sessionTimeout?: number;
  /** Passed on to the script (worker-provider-process.ts). */
  crashFlag?: string;
  /** Environment variables added to the child's (e.g. `DUBBO_PROTOCOL_WORKERS`). */
  env?: Readonly<Record<string, string>>;
}): Promise<ProviderProcess> {
  const { script, env, ...args } = options;
  const child = spawn(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      REGISTER_TS,
      typeof script === "string" ? script : fileURLToPath(script),
      JSON.stringify(args),
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`provider ${options.name} did not start within 60 s: ${stderr}`));
    }, 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          port: Number(m[1]),
          exited,
          stderr: () => stderr,
          kill: () => child.kill("SIGKILL"),
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`provider ${options.name} exited with ${code} before it was ready: ${stderr}`),
      );
    });
  });
}
