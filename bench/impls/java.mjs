// Java Dubbo consumer → Java Dubbo provider: the reference the Node implementations are measured
// against. Its agents are one Java program (bench/java, Apache Dubbo 3.3.6, configured like
// apache/dubbo-benchmark's dubbo-hessianlite-server/client) speaking the control protocol of
// lib/channel.mjs. Loopback only: the provider's netty4 server is bound to 127.0.0.1 through a
// one-method Transporter subclass (Dubbo binds the wildcard address for any 127.* host) and the
// consumer's idea of "the local host" is pinned to 127.0.0.1 (see BenchAgent.java). The first run builds it with Maven (bench/java/build.sh; offline when ~/.m2
// already has Dubbo); without java or mvn on PATH the row is skipped with the reason.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const javaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "java");
const classpathFile = path.join(javaDir, "target", "runtime-classpath.txt");
const MAIN = "org.apache.dubbo.benchmark.agent.BenchAgent";

/** JVM options of apache/dubbo-benchmark's benchmark.sh, plus quiet logging on stderr. */
const JVM = [
  "-server",
  "-Xmx1g",
  "-Xms1g",
  "-XX:MaxDirectMemorySize=1g",
  "-XX:+UseG1GC",
  "-Ddubbo.application.logger=slf4j",
  "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
  "-Dorg.slf4j.simpleLogger.logFile=System.err",
];

function has(cmd) {
  try {
    execFileSync(cmd, ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const command = (role, extra) => ({
  command: process.env.JAVA ?? "java",
  args: [...JVM, "-cp", readFileSync(classpathFile, "utf8").trim(), MAIN, role, ...extra],
  cwd: javaDir,
});

/**
 * The Java row over one protocol of BenchAgent: "dubbo" (this row), "tri" (the same Java interface
 * over Triple, impls/java-tri.mjs) or "tri-idl" (the protobuf UserService of bench/proto,
 * impls/java-triple.mjs).
 */
export function javaImpl({ name, label, protocol }) {
  return {
    name,
    label,
    // C2 needs many more calls than V8's optimiser before the numbers settle.
    prewarmFactor: 6,
    unavailable,
    serverCommand: () => command("server", [protocol]),
    clientCommand: ({ port }) => command("client", [String(port), protocol]),
  };
}

function unavailable() {
  if (!has(process.env.JAVA ?? "java")) return "no java on PATH (JDK 17+ needed)";
  if (!has("mvn") && !existsSync(classpathFile)) return "no mvn on PATH to build bench/java";
  try {
    execFileSync(path.join(javaDir, "build.sh"), [], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    return `bench/java/build.sh failed: ${String(err.stderr ?? err.message)
      .split("\n")
      .slice(-5)
      .join(" ")}`;
  }
  return existsSync(classpathFile) ? undefined : "bench/java/build.sh wrote no classpath";
}

export default javaImpl({ name: "java", label: "Java Dubbo 3.3.6 (hessian2)", protocol: "dubbo" });
