import { type Application, createApplication, RpcError } from "@dubbo-ts/core";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTripleProtocol, idlContract, loadProto } from "../src/index.js";
import { GREET_PROTO, grpcGreeter } from "./grpc-support.js";

interface Greeting {
  greeting: string;
}
interface Greeter {
  greet(req: { name: string }): Promise<Greeting>;
  greetStream(req: { name: string; count: number }): Promise<AsyncIterable<Greeting>>;
  greetClientStream(reqs: AsyncIterable<{ name: string }>): Promise<Greeting>;
  greetBidi(reqs: AsyncIterable<{ name: string }>): Promise<AsyncIterable<Greeting>>;
}

async function* names(...list: string[]) {
  for (const name of list) yield { name };
}

// A .proto service exported and referred through dubbo-ts applications (filters, cluster), and
// called by a plain grpc-js client.
describe("IDL services through createApplication", () => {
  let provider: Application;
  let consumer: Application;
  let greeter: Greeter;
  let port: number;

  beforeAll(async () => {
    const root = await loadProto(GREET_PROTO);
    const contract = idlContract(root.lookupService("greet.GreeterService"));
    provider = createApplication({
      name: "idl-provider",
      env: false,
      registry: false,
      protocol: { name: "tri", port: 0, host: "127.0.0.1" },
      services: [
        {
          contract,
          implementation: {
            async greet(req: { name: string }) {
              if (req.name === "bad") throw new Error("bad name");
              return { greeting: `hello ${req.name}` };
            },
            async *greetStream(req: { name: string; count: string }) {
              for (let i = 0; i < Number(req.count); i++) yield { greeting: `${req.name} ${i}` };
            },
            async greetClientStream(reqs: AsyncIterable<{ name: string }>) {
              const all: string[] = [];
              for await (const r of reqs) all.push(r.name);
              return { greeting: all.join("+") };
            },
            async *greetBidi(reqs: AsyncIterable<{ name: string }>) {
              for await (const r of reqs) yield { greeting: `re ${r.name}` };
            },
          },
        },
      ],
      plugins: { protocol: createTripleProtocol },
    });
    await provider.start();
    port = provider.exported[0]!.port;
    // Registered under the Java interface Dubbo generates (java_package), served at the proto path.
    expect(provider.exported[0]!.path).toBe("com.jd.greet.GreeterService");
    consumer = createApplication({
      name: "idl-consumer",
      env: false,
      registry: false,
      protocol: { name: "tri" },
      plugins: { protocol: createTripleProtocol },
    });
    await consumer.start();
    greeter = consumer.reference<Greeter>(contract, {
      url: `tri://127.0.0.1:${port}`,
      timeout: 5000,
    });
  });

  afterAll(async () => {
    await consumer?.close({ timeoutMs: 500 });
    await provider?.close({ timeoutMs: 500 });
  });

  it("calls all four shapes through the consumer proxy", async () => {
    expect(await greeter.greet({ name: "idl" })).toEqual({ greeting: "hello idl" });
    const streamed: string[] = [];
    for await (const g of await greeter.greetStream({ name: "s", count: 2 }))
      streamed.push(g.greeting);
    expect(streamed).toEqual(["s 0", "s 1"]);
    expect(await greeter.greetClientStream(names("a", "b"))).toEqual({ greeting: "a+b" });
    const bidi: string[] = [];
    for await (const g of await greeter.greetBidi(names("x"))) bidi.push(g.greeting);
    expect(bidi).toEqual(["re x"]);
  });

  it("a business exception ends the call with UNKNOWN and its message", async () => {
    const error = await greeter.greet({ name: "bad" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).message).toContain("bad name");
  });

  it("a plain grpc-js client calls the application's Greeter", async () => {
    const Client = grpcGreeter();
    const client = new Client(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    ) as grpc.Client & Record<string, (...a: unknown[]) => unknown>;
    const value = await new Promise((resolve, reject) =>
      client.Greet!({ name: "grpc" }, (e: Error | null, v: unknown) =>
        e ? reject(e) : resolve(v),
      ),
    );
    client.close();
    expect(value).toEqual({ greeting: "hello grpc" });
  });
});
