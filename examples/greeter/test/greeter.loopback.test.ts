/**
 * The Greeter example over Triple: served by a dubbo-ts application, called by a dubbo-ts
 * consumer and by a plain @grpc/grpc-js client loading the same proto/greet.proto.
 */

import { type Application, createApplication } from "@dubbo-ts/core";
import { createTripleProtocol } from "@dubbo-ts/triple";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GREET_PROTO, type Greeter, greeterContract, greeterImpl } from "../src/greeter.js";

describe("Greeter example", () => {
  let server: Application;
  let client: Application;
  let greeter: Greeter;
  let port: number;

  beforeAll(async () => {
    const contract = await greeterContract();
    server = createApplication({
      name: "greeter-server",
      registry: false,
      protocol: { name: "tri", port: 0, host: "127.0.0.1" },
      services: [{ contract, implementation: greeterImpl }],
      plugins: { protocol: createTripleProtocol },
      env: false,
    });
    await server.start();
    port = server.exported[0]!.port;
    client = createApplication({
      name: "greeter-client",
      registry: false,
      protocol: { name: "tri" },
      plugins: { protocol: createTripleProtocol },
      env: false,
    });
    greeter = client.reference<Greeter>(contract, { url: `tri://127.0.0.1:${port}` });
    await client.start();
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it("greets once and as a stream", async () => {
    expect(await greeter.greet({ name: "Ada" })).toEqual({ greeting: "Hello, Ada!" });
    const replies: string[] = [];
    for await (const r of await greeter.greetStream({ name: "Ada", count: 2 }))
      replies.push(r.greeting);
    expect(replies).toEqual(["Hello #1, Ada!", "Hello #2, Ada!"]);
  });

  it("answers a plain grpc-js client", async () => {
    const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(GREET_PROTO)) as unknown as {
      greet: { GreeterService: grpc.ServiceClientConstructor };
    };
    const raw = new loaded.greet.GreeterService(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    ) as grpc.Client & Record<string, (...a: unknown[]) => unknown>;
    try {
      const reply = await new Promise((resolve, reject) =>
        raw.Greet!({ name: "grpc" }, (e: Error | null, v: unknown) => (e ? reject(e) : resolve(v))),
      );
      expect(reply).toEqual({ greeting: "Hello, grpc!" });
      const stream = raw.GreetStream!({ name: "grpc", count: 2 }) as grpc.ClientReadableStream<{
        greeting: string;
      }>;
      const got: string[] = [];
      for await (const r of stream) got.push(r.greeting);
      expect(got).toEqual(["Hello #1, grpc!", "Hello #2, grpc!"]);
    } finally {
      raw.close();
    }
  });
});
