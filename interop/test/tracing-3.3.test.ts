/**
 * One trace across Java → Node → Java: a real Java Dubbo 3.3 consumer with tracing enabled
 * (dubbo-tracing: Micrometer Observation over the OTel bridge, W3C propagation) calls a Node
 * provider with `tracingExtension()`, whose method calls a real Java Dubbo 3.3 provider with tracing
 * enabled. Each side reports the `traceparent` it received; the Node spans come from the OTel
 * SDK's in-memory exporter. Java side: interop/java/tracing33 (built by its build.sh, ~30 s the
 * first time while Maven fetches the Micrometer/OTel jars).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Application, createApplication, RpcContext } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { freePort } from "@dubbo-ts/test-support";
import { tracingExtension } from "@dubbo-ts/tracing";
import { context, SpanKind } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "java", "tracing33");
const IFACE = "com.jd.interop.trace.TraceService";
const contract = {
  interface: IFACE,
  methods: [{ name: "hop", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" }],
};

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

function java(args: string[]): ChildProcess {
  const classpath = readFileSync(path.join(DIR, "target", "runtime-classpath.txt"), "utf8").trim();
  return spawn(
    "java",
    [
      "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1",
      "-cp",
      classpath,
      "com.jd.interop.trace.TraceMain",
      ...args,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
}

/** Resolves with the first stdout line matching `re` (rejects if the process exits first or after 120 s). */
function lineOf(child: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(
      () => reject(new Error(`no ${re} from Java within 120 s: ${err}`)),
      120_000,
    );
    child.stderr!.on("data", (d: Buffer) => {
      err = (err + d.toString()).slice(-20000);
    });
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = re.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Java exited with ${code} before ${re}: ${err}`));
    });
  });
}

let javaProvider: ChildProcess | undefined;
let node: Application | undefined;
let nodePort: number;
let received: string | undefined;

beforeAll(async () => {
  execFileSync("bash", [path.join(DIR, "build.sh")], { stdio: "inherit", timeout: 600_000 });
  context.setGlobalContextManager(contextManager.enable());
  const javaPort = await freePort();
  javaProvider = java(["provider", String(javaPort)]);
  await lineOf(javaProvider, /READY (\d+)/);
  let toJava!: { hop(from: string): Promise<string> };
  node = createApplication({
    name: "node-trace-hop",
    registry: false,
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    services: [
      {
        implementation: {
          hop: async (_from: string) => {
            received = RpcContext.server()!.attachments.traceparent as string | undefined;
            return toJava.hop("node");
          },
        },
        contract,
      },
    ],
    plugins: { protocol: createDubboProtocol },
    extensions: [
      tracingExtension({
        tracer: provider.getTracer("interop"),
        propagator: new W3CTraceContextPropagator(),
      }),
    ],
    env: false,
  });
  toJava = node.reference(contract, { url: `dubbo://127.0.0.1:${javaPort}`, timeout: 15_000 });
  await node.start();
  nodePort = node.exported[0]!.port;
}, 600_000);

afterAll(async () => {
  await node?.close();
  if (javaProvider && javaProvider.exitCode === null) {
    javaProvider.kill("SIGKILL");
    await new Promise((r) => javaProvider!.once("exit", r));
  }
  context.disable();
  await provider.shutdown();
});

describe("tracing with Java Dubbo 3.3 (Micrometer Tracing, OTel bridge)", () => {
  it("keeps one trace id from a Java consumer through a Node provider to a Java provider", async () => {
    exporter.reset();
    const consumer = java(["consumer", `dubbo://127.0.0.1:${nodePort}/${IFACE}`]);
    const [, javaSaw] = await lineOf(consumer, /RESULT java<([^>]*)>/);
    const w3c = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
    const fromJava = w3c.exec(received ?? "");
    const toJava = w3c.exec(javaSaw ?? "");
    expect(fromJava, `traceparent the Node provider received: ${received}`).not.toBeNull();
    expect(toJava, `traceparent the Java provider received: ${javaSaw}`).not.toBeNull();
    // One trace id end to end.
    expect(toJava![1]).toBe(fromJava![1]);
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    const client = spans.find((s) => s.kind === SpanKind.CLIENT)!;
    // The Node SERVER span continues the Java consumer's span; the Java provider's parent is the
    // Node CLIENT span, itself a child of the SERVER span.
    expect(server.spanContext().traceId).toBe(fromJava![1]);
    expect(server.parentSpanContext?.spanId).toBe(fromJava![2]);
    expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(toJava![2]).toBe(client.spanContext().spanId);
  }, 180_000);
});
