/**
 * The Java Dubbo 3.3.6 Greeter (interop/java/triple33, greet.proto over Triple) for the interop
 * tests: a provider JVM started once, and a consumer run to completion. Loopback only.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@dubbo-ts/test-support";
import { stderrDigest } from "./java.js";

const MODULE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "java", "triple33");

function javaArgv(mode: "provider" | "consumer", args: string[]): string[] {
  const classpath = readFileSync(
    path.join(MODULE_DIR, "target", "runtime-classpath.txt"),
    "utf8",
  ).trim();
  const jvm = readFileSync(path.join(MODULE_DIR, "..", "jvm-options.txt"), "utf8")
    .split(/\s+/)
    .filter(Boolean);
  return [
    ...jvm,
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-cp",
    classpath,
    "com.jd.interop.triple.GreeterMain",
    mode,
    ...args,
  ];
}

export interface JavaGreeterProvider {
  readonly port: number;
  readonly urls: string[];
  stop(): Promise<void>;
}

/** Starts the Java Greeter provider (tri) and resolves once it printed READY. */
export async function startJavaGreeterProvider(
  registry: string,
  timeoutMs = 90_000,
): Promise<JavaGreeterProvider> {
  const port = await freePort();
  const child = spawn(
    "java",
    javaArgv("provider", ["--registry", registry, "--port", String(port)]),
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (c: string) => {
    err = (err + c).slice(-20_000);
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const urls = await new Promise<string[]>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`Java Greeter provider not READY after ${timeoutMs} ms\n${stderrDigest(err)}`),
      );
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      out += c;
      const line = out.split("\n").find((l) => l.startsWith("READY "));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line.slice(6)) as { urls: string[] }).urls);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Java Greeter provider exited before READY\n${stderrDigest(err)}`));
    });
  });
  return {
    port,
    urls,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs the Java Greeter consumer; resolves with its JSON lines by `call` and its stderr. */
export async function runJavaGreeterConsumer(registry: string): Promise<{
  code: number | null;
  calls: Map<string, Record<string, unknown>>;
  stderr: string;
  stdout: string;
}> {
  const child = spawn("java", javaArgv("consumer", ["--registry", registry]), {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => {
    out += c;
  });
  child.stderr.setEncoding("utf8").on("data", (c: string) => {
    err = (err + c).slice(-20_000);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  clearTimeout(timer);
  const calls = new Map<string, Record<string, unknown>>();
  for (const line of out.split("\n")) {
    if (!line.startsWith("{")) continue;
    const obj = JSON.parse(line) as Record<string, unknown>;
    if (typeof obj.call === "string") calls.set(obj.call, obj);
  }
  return { code, calls, stderr: err, stdout: out };
}
