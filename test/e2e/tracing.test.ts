/**
 * Tracing across three applications over the real dubbo protocol on 127.0.0.1 (A calls B, whose
 * method calls C), with the OpenTelemetry SDK's in-memory exporter: one trace id end to end,
 * each span the child of the previous hop, W3C `traceparent` in the Dubbo attachments.
 */
import { type Application, createApplication, RpcContext } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { tracingExtension } from "@dubbo-ts/tracing";
import { context, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
const options = { tracer: provider.getTracer("test"), propagator: new W3CTraceContextPropagator() };

const contract = (iface: string) => ({
  interface: iface,
  methods: [
    { name: "hello", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
    { name: "fail", parameterTypes: [], returnType: "java.lang.String" },
  ],
});
const C_IFACE = "com.x.CService";
const B_IFACE = "com.x.BService";

const apps: Application[] = [];
let seenByC: Record<string, unknown> = {};
let a: { hello(s: string): Promise<string>; fail(): Promise<string> };

function app(name: string, init: Parameters<typeof createApplication>[0]) {
  const created = createApplication({
    name,
    registry: false,
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    plugins: { protocol: createDubboProtocol },
    extensions: [tracingExtension(options)],
    env: false,
    ...init,
  });
  apps.push(created);
  return created;
}

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  const c = app("c", {
    services: [
      {
        implementation: {
          hello: async (s: string) => {
            seenByC = { ...RpcContext.server()!.attachments };
            return `c:${s}`;
          },
          fail: async () => "not used",
        },
        contract: contract(C_IFACE),
      },
    ],
  });
  await c.start();
  let toC!: { hello(s: string): Promise<string> };
  const b = app("b", {
    services: [
      {
        implementation: {
          hello: async (s: string) => `b:${await toC.hello(s)}`,
          fail: async () => {
            throw new Error("boom");
          },
        },
        contract: contract(B_IFACE),
      },
    ],
  });
  toC = b.reference(contract(C_IFACE), { url: `dubbo://${c.exported[0]!.address}` });
  await b.start();
  const front = app("a", {});
  a = front.reference(contract(B_IFACE), { url: `dubbo://${b.exported[0]!.address}` });
  await front.start();
});

afterAll(async () => {
  for (const x of apps.reverse()) await x.close();
  context.disable();
  await provider.shutdown();
});

describe("tracing filters", () => {
  it("keeps one trace id from A through B to C, each span the child of the previous hop", async () => {
    exporter.reset();
    expect(await a.hello("x")).toBe("b:c:x");
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => `${s.kind}:${s.name}`).sort()).toEqual(
      [
        `${SpanKind.CLIENT}:${B_IFACE}/hello`,
        `${SpanKind.SERVER}:${B_IFACE}/hello`,
        `${SpanKind.CLIENT}:${C_IFACE}/hello`,
        `${SpanKind.SERVER}:${C_IFACE}/hello`,
      ].sort(),
    );
    const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const find = (kind: SpanKind, iface: string) =>
      spans.find((s) => s.kind === kind && s.name === `${iface}/hello`)!;
    const aClient = find(SpanKind.CLIENT, B_IFACE);
    const bServer = find(SpanKind.SERVER, B_IFACE);
    const bClient = find(SpanKind.CLIENT, C_IFACE);
    const cServer = find(SpanKind.SERVER, C_IFACE);
    expect(bServer.parentSpanContext?.spanId).toBe(aClient.spanContext().spanId);
    expect(bClient.parentSpanContext?.spanId).toBe(bServer.spanContext().spanId);
    expect(cServer.parentSpanContext?.spanId).toBe(bClient.spanContext().spanId);
    expect(cServer.attributes).toMatchObject({
      "rpc.system": "apache_dubbo",
      "rpc.service": C_IFACE,
      "rpc.method": "hello",
      "network.peer.address": "127.0.0.1",
    });
    // W3C trace context in the attachments C received: B's client span.
    const traceId = aClient.spanContext().traceId;
    expect(seenByC.traceparent).toBe(`00-${traceId}-${bClient.spanContext().spanId}-01`);
  });

  it("marks the spans of a failed call as errors with the exception recorded", async () => {
    exporter.reset();
    await expect(a.fail()).rejects.toThrow();
    const spans = exporter.getFinishedSpans();
    const client = spans.find((s) => s.kind === SpanKind.CLIENT)!;
    expect(client.status.code).toBe(SpanStatusCode.ERROR);
    expect(client.events.some((e) => e.name === "exception")).toBe(true);
  });
});
