import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIdlServer,
  GrpcStatus,
  type IdlServer,
  loadProto,
  type ServerCallContext,
  statusError,
} from "../src/index.js";
import { GREET_PROTO, grpcGreeter, until } from "./grpc-support.js";

// A plain @grpc/grpc-js client calling our Triple server.
describe("grpc-js client → Triple server", () => {
  let server: IdlServer;
  let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;
  let cancelledOnServer = 0;
  let seenMetadata: string | undefined;

  beforeAll(async () => {
    const root = await loadProto(GREET_PROTO);
    server = createIdlServer({ port: 0 });
    server.addService(root.lookupService("greet.GreeterService"), {
      async greet(req: { name: string }, ctx: ServerCallContext) {
        seenMetadata = ctx.headers["x-trace"] as string | undefined;
        if (req.name === "bad") {
          throw statusError({
            status: GrpcStatus.INVALID_ARGUMENT,
            message: "name must not be “bad”",
            details: Buffer.from([8, 3, 18, 3, 98, 97, 100]),
          });
        }
        if (req.name === "slow" || req.name === "hang") {
          await new Promise<void>((resolve) => {
            ctx.signal.addEventListener("abort", () => {
              cancelledOnServer++;
              resolve();
            });
          });
        }
        ctx.responseTrailers["x-served-by"] = "triple";
        return { greeting: `hello ${req.name}` };
      },
      async *greetStream(req: { name: string; count: string }) {
        for (let i = 0; i < Number(req.count); i++) yield { greeting: `${req.name} #${i}` };
      },
      async greetClientStream(requests: AsyncIterable<{ name: string }>) {
        const names: string[] = [];
        for await (const r of requests) names.push(r.name);
        return { greeting: `hello ${names.join(", ")}` };
      },
      async *greetBidi(requests: AsyncIterable<{ name: string }>) {
        for await (const r of requests) yield { greeting: `echo ${r.name}` };
      },
    });
    const port = await server.start();
    const Greeter = grpcGreeter();
    client = new Greeter(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as typeof client;
  });

  afterAll(async () => {
    client?.close();
    await server?.close(1000);
  });

  const unary = (
    method: string,
    req: unknown,
    options: grpc.CallOptions = {},
    md = new grpc.Metadata(),
  ) =>
    new Promise<{ value?: unknown; error?: grpc.ServiceError }>((resolve) => {
      client[method]!(req, md, options, (error: grpc.ServiceError | null, value: unknown) =>
        resolve(error ? { error } : { value }),
      );
    });

  it("serves a unary call with metadata both ways", async () => {
    const md = new grpc.Metadata();
    md.set("x-trace", "abc");
    const r = await unary("Greet", { name: "grpc-js" }, {}, md);
    expect(r.value).toEqual({ greeting: "hello grpc-js" });
    expect(seenMetadata).toBe("abc");
  });

  it("streams server messages", async () => {
    const call = client.GreetStream!({ name: "s", count: 3 }) as grpc.ClientReadableStream<{
      greeting: string;
    }>;
    const got: string[] = [];
    for await (const m of call) got.push(m.greeting);
    expect(got).toEqual(["s #0", "s #1", "s #2"]);
  });

  it("takes a client stream", async () => {
    const value = await new Promise((resolve, reject) => {
      const call = client.GreetClientStream!((e: Error | null, v: unknown) =>
        e ? reject(e) : resolve(v),
      ) as grpc.ClientWritableStream<unknown>;
      for (const name of ["a", "b", "c"]) call.write({ name });
      call.end();
    });
    expect(value).toEqual({ greeting: "hello a, b, c" });
  });

  it("echoes a bidi stream", async () => {
    const call = client.GreetBidi!() as grpc.ClientDuplexStream<unknown, { greeting: string }>;
    const got: string[] = [];
    call.write({ name: "x" });
    call.write({ name: "y" });
    call.end();
    for await (const m of call) got.push(m.greeting);
    expect(got).toEqual(["echo x", "echo y"]);
  });

  it("answers an error status with a percent-encoded message and details", async () => {
    const r = await unary("Greet", { name: "bad" });
    expect(r.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(r.error?.details).toBe("name must not be “bad”");
    const details = r.error?.metadata.get("grpc-status-details-bin")[0] as Buffer;
    expect([...details]).toEqual([8, 3, 18, 3, 98, 97, 100]);
  });

  it("ends a call past its deadline with DEADLINE_EXCEEDED and aborts the handler", async () => {
    const before = cancelledOnServer;
    const r = await unary("Greet", { name: "slow" }, { deadline: Date.now() + 200 });
    expect(r.error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    await until(() => cancelledOnServer > before);
  });

  it("aborts the handler when the client cancels", async () => {
    const before = cancelledOnServer;
    const call = client.Greet!({ name: "hang" }, () => undefined) as grpc.ClientUnaryCall;
    await new Promise((r) => setTimeout(r, 100));
    call.cancel();
    await until(() => cancelledOnServer > before);
  });

  it("answers UNIMPLEMENTED for an unknown method", async () => {
    const raw = new grpc.Client(
      `127.0.0.1:${client.getChannel().getTarget().split(":").pop()}`,
      grpc.credentials.createInsecure(),
    );
    const r = await new Promise<grpc.ServiceError | null>((resolve) =>
      raw.makeUnaryRequest(
        "/greet.GreeterService/Nope",
        (b: Buffer) => b,
        (b: Buffer) => b,
        Buffer.alloc(0),
        (e) => resolve(e),
      ),
    );
    raw.close();
    expect(r?.code).toBe(grpc.status.UNIMPLEMENTED);
  });
});
