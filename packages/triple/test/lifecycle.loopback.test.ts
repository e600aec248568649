import { Code } from "@dubbo-ts/core";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIdlClient,
  createIdlServer,
  GrpcStatus,
  grpcStatusOf,
  loadProto,
} from "../src/index.js";
import { GREET_PROTO, grpcGreeter, startGrpcServer, until } from "./grpc-support.js";

interface Greeter {
  greet(req: { name: string }, options?: { timeout?: number }): Promise<{ greeting: string }>;
  close(): void;
}

const impl = (onCall: () => void) => ({
  async greet(req: { name: string }) {
    onCall();
    if (req.name.startsWith("slow")) await new Promise((r) => setTimeout(r, 300));
    return { greeting: `hello ${req.name}` };
  },
  async *greetStream() {},
  async greetClientStream() {
    return {};
  },
  async *greetBidi() {},
});

describe("graceful shutdown (GOAWAY)", () => {
  it("lets in-flight calls finish, then refuses new connections", async () => {
    const root = await loadProto(GREET_PROTO);
    const service = root.lookupService("greet.GreeterService");
    let started = 0;
    const server = createIdlServer({ port: 0 });
    server.addService(
      service,
      impl(() => started++),
    );
    const port = await server.start();
    const client = createIdlClient<Greeter>(service, { address: `127.0.0.1:${port}` });
    try {
      const inFlight = Array.from({ length: 5 }, (_, i) => client.greet({ name: `slow${i}` }));
      await until(() => started === 5);
      const closing = server.close(5000);
      const results = await Promise.all(inFlight);
      expect(results.map((r) => r.greeting)).toEqual([0, 1, 2, 3, 4].map((i) => `hello slow${i}`));
      await closing;
      const after = await client
        .greet({ name: "late" }, { timeout: 2000 })
        .catch((e: unknown) => e);
      expect(grpcStatusOf(after)?.status).toBe(GrpcStatus.UNAVAILABLE);
      expect((after as { code: Code }).code).toBe(Code.Network);
    } finally {
      client.close();
      await server.close(100);
    }
  });
});

/** A bare node:http2 server that records what clients send and answers UNIMPLEMENTED. */
async function rawServer() {
  const { createServer } = await import("node:http2");
  const seen = { pings: 0, headers: [] as Record<string, unknown>[], flags: [] as number[] };
  const server = createServer();
  server.on("session", (session) => session.on("ping", () => seen.pings++));
  server.on("stream", (stream, headers) => {
    seen.headers.push(headers);
    stream.on("data", (c: Buffer) => {
      if (c.length > 0) seen.flags.push(c[0]!);
    });
    stream.on("end", () =>
      stream.respond(
        { ":status": 200, "content-type": "application/grpc", "grpc-status": "12" },
        { endStream: true },
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  return { seen, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("keep-alive PING", () => {
  it("pings the connection every keepAliveTime", async () => {
    const root = await loadProto(GREET_PROTO);
    const raw = await rawServer();
    const client = createIdlClient<Greeter>(root.lookupService("greet.GreeterService"), {
      address: `127.0.0.1:${raw.port}`,
      keepAliveTime: 50,
    });
    try {
      const error = await client.greet({ name: "x" }).catch((e: unknown) => e);
      expect(grpcStatusOf(error)?.status).toBe(GrpcStatus.UNIMPLEMENTED);
      await until(() => raw.seen.pings >= 3);
    } finally {
      client.close();
      await raw.close();
    }
  });
});

describe("gzip", () => {
  let grpcServer: grpc.Server;
  let grpcPort: number;

  beforeAll(async () => {
    ({ server: grpcServer, port: grpcPort } = await startGrpcServer({
      Greet(
        call: grpc.ServerUnaryCall<{ name: string }, unknown>,
        cb: grpc.sendUnaryData<unknown>,
      ) {
        cb(null, { greeting: `gz ${call.request.name}` });
      },
    }));
  });

  afterAll(() => grpcServer?.forceShutdown());

  it("compresses requests when asked: grpc-encoding gzip and the compressed flag", async () => {
    const root = await loadProto(GREET_PROTO);
    const raw = await rawServer();
    const client = createIdlClient<Greeter>(root.lookupService("greet.GreeterService"), {
      address: `127.0.0.1:${raw.port}`,
      compression: true,
    });
    try {
      await client.greet({ name: "x" }).catch(() => undefined);
      expect(raw.seen.headers[0]?.["grpc-encoding"]).toBe("gzip");
      expect(raw.seen.headers[0]?.te).toBe("trailers");
      expect(raw.seen.flags[0]).toBe(1);
    } finally {
      client.close();
      await raw.close();
    }
  });

  it("our gzip requests are read by grpc-js", async () => {
    const root = await loadProto(GREET_PROTO);
    const client = createIdlClient<Greeter>(root.lookupService("greet.GreeterService"), {
      address: `127.0.0.1:${grpcPort}`,
      compression: true,
    });
    try {
      expect((await client.greet({ name: "a".repeat(1000) })).greeting).toBe(
        `gz ${"a".repeat(1000)}`,
      );
    } finally {
      client.close();
    }
  });

  it("grpc-js gzip requests are read by our server, and it answers in gzip when configured", async () => {
    const root = await loadProto(GREET_PROTO);
    const server = createIdlServer({ port: 0, compression: true });
    server.addService(
      root.lookupService("greet.GreeterService"),
      impl(() => undefined),
    );
    const port = await server.start();
    const Client = grpcGreeter();
    const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.default_compression_algorithm": 2,
    }) as grpc.Client & Record<string, (...a: unknown[]) => unknown>;
    try {
      const value = await new Promise((resolve, reject) =>
        client.Greet!({ name: "zip" }, (e: Error | null, v: unknown) =>
          e ? reject(e) : resolve(v),
        ),
      );
      expect(value).toEqual({ greeting: "hello zip" });
    } finally {
      client.close();
      await server.close(100);
    }
  });
});

describe("a provider that goes away and comes back", () => {
  it("is reported unavailable after a failed connection, then tried again and used", async () => {
    const { createTripleProtocol } = await import("../src/index.js");
    const { ServiceUrl, createInvocation } = await import("@dubbo-ts/core/spi");
    const definition = {
      interface: "x.Echo",
      methods: [
        { name: "echo", parameterTypes: ["java.lang.String"], returnType: "java.lang.String" },
      ],
    };
    const implInvoker = (url: InstanceType<typeof ServiceUrl>) => ({
      url,
      isAvailable: () => true,
      destroy: async () => undefined,
      invoke: async (inv: { args: readonly unknown[] }) => ({
        value: inv.args[0],
        attachments: {},
      }),
    });
    const provider = createTripleProtocol();
    const exported = await provider.export(
      new ServiceUrl({ protocol: "tri", host: "127.0.0.1", port: 0, path: "x.Echo" }),
      definition,
      implInvoker(
        new ServiceUrl({ protocol: "tri", host: "127.0.0.1", port: 0, path: "x.Echo" }),
      ) as never,
    );
    const port = exported.url.port;
    const consumer = createTripleProtocol();
    const invoker = consumer.refer(
      exported.url.withParameters({ interface: "x.Echo", timeout: "2000" }),
    );
    const echo = (v: string) =>
      invoker.invoke(
        createInvocation({
          serviceName: "x.Echo",
          methodName: "echo",
          parameterTypes: ["java.lang.String"],
          returnType: "java.lang.String",
          args: [v],
        }),
      );
    let second: ReturnType<typeof createTripleProtocol> | undefined;
    try {
      expect((await echo("a")).value).toBe("a");
      await provider.close({ deadlineMs: 100 });
      await expect(echo("b")).rejects.toMatchObject({ code: Code.Network });
      await until(() => !invoker.isAvailable());
      second = createTripleProtocol();
      await second.export(
        new ServiceUrl({ protocol: "tri", host: "127.0.0.1", port, path: "x.Echo" }),
        definition,
        implInvoker(exported.url) as never,
      );
      await until(() => invoker.isAvailable(), 10_000);
      expect((await echo("c")).value).toBe("c");
    } finally {
      await invoker.destroy();
      await consumer.close({ deadlineMs: 100 });
      await second?.close({ deadlineMs: 100 });
    }
  });
});
