import { Code, RpcError } from "@dubbo-ts/core";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdlClient, GrpcStatus, grpcStatusOf, loadProto } from "../src/index.js";
import { GREET_PROTO, startGrpcServer, until } from "./grpc-support.js";

interface Greeting {
  greeting: string;
}
interface Greeter {
  greet(
    req: { name: string },
    options?: { timeout?: number; signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<Greeting>;
  greetStream(req: { name: string; count: number }): AsyncIterable<Greeting>;
  greetClientStream(reqs: Iterable<{ name: string }>): Promise<Greeting>;
  greetBidi(reqs: AsyncIterable<{ name: string }>): AsyncIterable<Greeting>;
  close(): void;
}

// Our Triple client calling a plain @grpc/grpc-js server.
describe("Triple client → grpc-js server", () => {
  let server: grpc.Server;
  let client: Greeter;
  let cancelledOnServer = 0;

  beforeAll(async () => {
    const started = await startGrpcServer({
      Greet(
        call: grpc.ServerUnaryCall<{ name: string }, Greeting>,
        callback: grpc.sendUnaryData<Greeting>,
      ) {
        const { name } = call.request;
        if (name === "bad") {
          const metadata = new grpc.Metadata();
          metadata.set("grpc-status-details-bin", Buffer.from([8, 5]));
          callback({ code: grpc.status.NOT_FOUND, details: "no such name: ü%", metadata });
          return;
        }
        if (name === "hang") {
          call.on("cancelled", () => cancelledOnServer++);
          return;
        }
        callback(null, { greeting: `hi ${name} ${call.metadata.get("x-trace")[0] ?? ""}`.trim() });
      },
      GreetStream(call: grpc.ServerWritableStream<{ name: string; count: string }, Greeting>) {
        if (call.request.name === "endless") {
          const timer = setInterval(() => call.write({ greeting: "more" }), 20);
          call.on("cancelled", () => {
            clearInterval(timer);
            cancelledOnServer++;
          });
          return;
        }
        for (let i = 0; i < Number(call.request.count); i++)
          call.write({ greeting: `${call.request.name} ${i}` });
        call.end();
      },
      GreetClientStream(
        call: grpc.ServerReadableStream<{ name: string }, Greeting>,
        callback: grpc.sendUnaryData<Greeting>,
      ) {
        const names: string[] = [];
        call.on("data", (r) => names.push(r.name));
        call.on("end", () => callback(null, { greeting: names.join("+") }));
      },
      GreetBidi(call: grpc.ServerDuplexStream<{ name: string }, Greeting>) {
        call.on("data", (r) => call.write({ greeting: `re ${r.name}` }));
        call.on("end", () => call.end());
      },
    });
    server = started.server;
    const root = await loadProto(GREET_PROTO);
    client = createIdlClient<Greeter>(root.lookupService("greet.GreeterService"), {
      address: `127.0.0.1:${started.port}`,
    });
  });

  afterAll(async () => {
    client?.close();
    server?.forceShutdown();
  });

  it("makes unary calls with metadata, multiplexed on one connection", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.greet({ name: `n${i}` }, { headers: { "x-trace": "t" } }),
      ),
    );
    expect(results.map((r) => r.greeting)).toEqual(
      Array.from({ length: 20 }, (_, i) => `hi n${i} t`),
    );
  });

  it("reads a server stream as an async iterable", async () => {
    const got: string[] = [];
    for await (const m of client.greetStream({ name: "s", count: 4 })) got.push(m.greeting);
    expect(got).toEqual(["s 0", "s 1", "s 2", "s 3"]);
  });

  it("leaving a for-await early cancels the stream on the server", async () => {
    const before = cancelledOnServer;
    for await (const m of client.greetStream({ name: "endless", count: 0 })) {
      expect(m.greeting).toBe("more");
      break;
    }
    await until(() => cancelledOnServer > before);
  });

  it("sends a client stream", async () => {
    expect(await client.greetClientStream([{ name: "a" }, { name: "b" }])).toEqual({
      greeting: "a+b",
    });
  });

  it("runs a bidi stream", async () => {
    async function* names() {
      yield { name: "p" };
      yield { name: "q" };
    }
    const got: string[] = [];
    for await (const m of client.greetBidi(names())) got.push(m.greeting);
    expect(got).toEqual(["re p", "re q"]);
  });

  it("rejects with the status, decoded message and details", async () => {
    const error = await client.greet({ name: "bad" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    const info = grpcStatusOf(error);
    expect(info?.status).toBe(GrpcStatus.NOT_FOUND);
    expect(info?.message).toBe("no such name: ü%");
    expect([...(info?.details ?? [])]).toEqual([8, 5]);
  });

  it("rejects with Code.Timeout past the deadline, and the server sees the cancel", async () => {
    const before = cancelledOnServer;
    const error = await client.greet({ name: "hang" }, { timeout: 200 }).catch((e: unknown) => e);
    expect((error as RpcError).code).toBe(Code.Timeout);
    expect(grpcStatusOf(error)?.status).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    await until(() => cancelledOnServer > before);
  });

  it("cancels through an AbortSignal", async () => {
    const before = cancelledOnServer;
    const controller = new AbortController();
    const pending = client
      .greet({ name: "hang" }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const error = await pending;
    expect(grpcStatusOf(error)?.status).toBe(GrpcStatus.CANCELLED);
    await until(() => cancelledOnServer > before);
  });
});
