import net from "node:net";
import type { Invoker, Protocol, ServiceDefinition } from "@dubbo-ts/core/spi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeResponse,
  encodeRequest,
  type Frame,
  FrameDecoder,
  hessian2Serialization as h2,
  Status,
} from "../src/codec.js";
import { createDubboProtocol } from "../src/index.js";
import { call, implementationInvoker, providerUrl, sleep } from "./support.js";

// The decoding budget (DecodeLimits.maxObjects) against a hostile body, issue 14 item 10: a
// request whose argument is a list of 524,288 empty maps (1 MiB of 'H' 'Z') must be refused with
// status 40 after a bounded amount of work, while a real consumer on another connection keeps
// being served. Its latencies are printed for the record; timing is measured in the benchmark,
// not asserted here.

const sink: ServiceDefinition = {
  interface: "org.example.budget.SinkService",
  methods: [
    { name: "count", parameterTypes: ["java.util.List"], returnType: "int" },
    { name: "add", parameterTypes: ["int", "int"], returnType: "int" },
  ],
};
const implementation = {
  count: (items: unknown[]) => items.length,
  add: (a: number, b: number) => a + b,
};
const MAPS = 524_288;

/** A `count` request whose argument is MAPS empty maps, written as a Java consumer would. */
function attackFrame(id: bigint): Buffer {
  return encodeRequest(
    {
      dubboVersion: "2.0.2",
      serviceName: sink.interface,
      version: "0.0.0",
      methodName: "count",
      parameterTypes: ["java.util.List"],
      args: [Array.from({ length: MAPS }, () => ({}))],
      attachments: {},
    },
    { id, twoWay: true, serialization: h2, maxPayload: 0 },
  );
}

/** Sends `frame` on a new socket; resolves with the first frame answered. */
async function send(port: number, frame: Buffer): Promise<Frame> {
  const socket = net.connect({ host: "127.0.0.1", port });
  const decoder = new FrameDecoder({ maxPayload: 64 << 20 });
  try {
    return await new Promise<Frame>((resolve, reject) => {
      socket.on("data", (chunk: Buffer) => {
        const [first] = decoder.decode(chunk);
        if (first) resolve(first);
      });
      socket.on("error", reject);
      socket.on("close", () => reject(new Error("the provider closed the connection")));
      socket.write(frame);
    });
  } finally {
    socket.destroy();
  }
}

/** A real consumer calling `add` in a closed loop until `stop()`; every latency is kept. */
function controlLoop(invoker: Invoker) {
  const latencies: number[] = [];
  const failures: unknown[] = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const t0 = performance.now();
      const r = await call(invoker, sink, "add", [i, 1]).catch((e: unknown) => ({ error: e }));
      latencies.push(performance.now() - t0);
      if (!("value" in r) || r.value !== i + 1) failures.push(r);
    }
  })();
  return {
    latencies,
    failures,
    async stop() {
      running = false;
      await done;
    },
  };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

describe("decoding budget", () => {
  const protocols: Protocol[] = [];
  let frame: Buffer;

  beforeAll(() => {
    frame = attackFrame(7n);
  });
  afterAll(() => Promise.all(protocols.map((p) => p.close({ deadlineMs: 100 }))));

  async function provider(options: Parameters<typeof createDubboProtocol>[0]) {
    const protocol = createDubboProtocol(options);
    protocols.push(protocol);
    const url = providerUrl(sink);
    const exporter = await protocol.export(url, sink, implementationInvoker(url, implementation));
    return exporter.url.port;
  }

  it("refuses 1 MiB of empty maps with status 40 naming the budget, and keeps serving a real consumer", async () => {
    const port = await provider({});
    const consumer = createDubboProtocol();
    protocols.push(consumer);
    const invoker = consumer.refer(providerUrl(sink, port), sink);
    await call(invoker, sink, "add", [1, 1]); // connected and warm
    const control = controlLoop(invoker);
    await sleep(100);
    const started = performance.now();
    const answer = await send(port, frame);
    const answeredMs = performance.now() - started;
    await sleep(100);
    await control.stop();

    const response = decodeResponse(answer.header, answer.body!, h2);
    expect(response).toMatchObject({ ok: false, status: Status.BadRequest });
    expect(response.ok ? "" : response.message).toMatch(
      /more than 100000 objects .*decodeLimits\.maxObjects/,
    );
    expect(control.failures).toEqual([]);
    expect(control.latencies.length).toBeGreaterThan(0);
    console.log(
      `decoding budget: attack answered (40) after ${answeredMs.toFixed(1)} ms; control client ` +
        `${control.latencies.length} calls, p50 ${percentile(control.latencies, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(control.latencies, 99).toFixed(1)} ms, max ${Math.max(...control.latencies).toFixed(1)} ms`,
    );
  });

  it("decodes the same body when decodeLimits.maxObjects is raised above it", async () => {
    const port = await provider({ decodeLimits: { maxObjects: MAPS + 10 } });
    const answer = await send(port, frame);
    expect(decodeResponse(answer.header, answer.body!, h2)).toMatchObject({
      ok: true,
      value: MAPS,
    });
  });
});
