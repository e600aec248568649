import {
  type Application,
  Code,
  createApplication,
  RpcContext,
  RpcError,
  Service,
} from "@dubbo-ts/core";
import { waitFor } from "@dubbo-ts/test-support";
import * as grpc from "@grpc/grpc-js";
import type protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdlClient, createTripleProtocol, idlContract, loadProto } from "../src/index.js";
import { encodeMessage } from "../src/message-codec.js";
import { BrandService, BrandServiceImpl } from "./brand-contract.js";
import { GREET_PROTO, grpcGreeter } from "./grpc-support.js";
import { grpcStatus, rawRequest, rawSession } from "./raw-client.js";

type GrpcGreeter = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

/** What the implementations saw, by request name: the abort reason when the signal fired. */
const started = new Set<string>();
const aborts = new Map<string, unknown>();
/** Server-streaming: whether the signal was aborted when the implementation's iterator ended. */
const streamEnds = new Map<string, unknown>();

/** Resolves (and records) when `signal` aborts: the implementation's view of a cancel. */
function abortOf(name: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    const record = () => {
      aborts.set(name, signal.reason);
      resolve(signal.reason);
    };
    if (signal.aborted) record();
    else signal.addEventListener("abort", record, { once: true });
  });
}

const greeterImpl = {
  // Plain (non-async) methods: the context is read in the call's synchronous part.
  greet(req: { name: string }) {
    const signal = RpcContext.server()?.signal;
    if (!signal) return Promise.reject(new Error("no signal in RpcContext.server()"));
    started.add(req.name);
    return abortOf(req.name, signal).then((reason) => Promise.reject(reason));
  },
  greetStream(req: { name: string }) {
    const signal = RpcContext.server()?.signal;
    return (async function* () {
      try {
        yield { greeting: `${req.name} 0` };
        started.add(req.name);
        if (req.name.startsWith("wait")) {
          await abortOf(req.name, signal!);
          return;
        }
        // Never looks at the signal: only the server's return() can end this one.
        for (let i = 1; ; i++) {
          await new Promise((r) => setTimeout(r, 10));
          yield { greeting: `${req.name} ${i}` };
        }
      } finally {
        streamEnds.set(req.name, signal?.aborted ? signal.reason : "not aborted");
      }
    })();
  },
  async greetClientStream() {
    return { greeting: "unused" };
  },
  async *greetBidi() {},
};

@Service({ version: "1.0.0" })
class SignalBrands extends BrandServiceImpl {
  override whoAmI() {
    return Promise.resolve(RpcContext.server()?.signal === undefined ? "no signal" : "signal");
  }
  override slow(ms: number) {
    const signal = RpcContext.server()?.signal;
    if (!signal) return Promise.reject(new Error("no signal in RpcContext.server()"));
    const name = `slow ${ms}`;
    started.add(name);
    return abortOf(name, signal).then(() => "aborted");
  }
}

function expectAbortReason(reason: unknown, ...codes: Code[]): void {
  expect(reason).toBeInstanceOf(RpcError);
  expect(codes).toContain((reason as RpcError).code);
}

// The call's AbortSignal reaches implementations exported through createApplication over tri,
// through core's provider filters, as RpcContext.server().signal (issue 16, item 2).
describe("the provider's signal through core's filters (tri)", () => {
  let provider: Application;
  let consumer: Application;
  let port: number;
  let grpcClient: GrpcGreeter;
  let greetService: protobuf.Service;
  let greetRequest: protobuf.Type;

  beforeAll(async () => {
    const root = await loadProto(GREET_PROTO);
    greetService = root.lookupService("greet.GreeterService");
    greetRequest = root.lookupType("greet.GreetRequest");
    provider = createApplication({
      name: "signal-provider",
      env: false,
      registry: false,
      protocol: { name: "tri", port: 0, host: "127.0.0.1" },
      services: [
        { contract: idlContract(greetService), implementation: greeterImpl },
        new SignalBrands(),
      ],
      plugins: { protocol: createTripleProtocol },
    });
    await provider.start();
    port = provider.exported[0]!.port;
    consumer = createApplication({
      name: "signal-consumer",
      env: false,
      registry: false,
      protocol: { name: "tri" },
      plugins: { protocol: createTripleProtocol },
    });
    await consumer.start();
    const Greeter = grpcGreeter();
    grpcClient = new Greeter(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as GrpcGreeter;
  });

  afterAll(async () => {
    grpcClient?.close();
    await consumer?.close({ timeoutMs: 500 });
    await provider?.close({ timeoutMs: 500 });
  });

  it("a grpc-js cancel() aborts a unary .proto call's signal (RST_STREAM)", async () => {
    let status: number | undefined;
    const call = grpcClient.Greet!({ name: "cancel" }, (e: grpc.ServiceError | null) => {
      status = e?.code;
    }) as grpc.ClientUnaryCall;
    await waitFor("the call to start", () => started.has("cancel"));
    call.cancel();
    const reason = await waitFor("the abort", () => aborts.get("cancel"));
    expectAbortReason(reason, Code.Network);
    expect((reason as RpcError).message).toContain("cancelled");
    await waitFor("the grpc-js callback", () => status);
    expect(status).toBe(grpc.status.CANCELLED);
  });

  it("a grpc-js deadline aborts the signal (the client's reset or the server's timer)", async () => {
    const error = await new Promise<grpc.ServiceError | null>((resolve) =>
      grpcClient.Greet!({ name: "deadline" }, { deadline: Date.now() + 1000 }, resolve),
    );
    expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    const reason = await waitFor("the abort", () => aborts.get("deadline"));
    expectAbortReason(reason, Code.Timeout, Code.Network);
  });

  it("the server's own grpc-timeout timer aborts with Code.Timeout (a client that never resets)", async () => {
    const session = rawSession(port);
    try {
      const body = encodeMessage(greetRequest.encode({ name: "raw-deadline" }).finish());
      const response = await rawRequest(
        session,
        { ":path": "/greet.GreeterService/Greet", "grpc-timeout": "1000m" },
        body,
      );
      expect(grpcStatus(response)).toBe(grpc.status.DEADLINE_EXCEEDED);
    } finally {
      session.close();
    }
    expectAbortReason(await waitFor("the abort", () => aborts.get("raw-deadline")), Code.Timeout);
  });

  it("our IDL client's AbortSignal aborts the implementation's signal", async () => {
    const client = createIdlClient(greetService, { address: `127.0.0.1:${port}` });
    try {
      const controller = new AbortController();
      const answer = client.greet!({ name: "ours" }, { signal: controller.signal });
      const failed = answer.catch((e: unknown) => e);
      await waitFor("the call to start", () => started.has("ours"));
      controller.abort();
      expect(await failed).toBeInstanceOf(RpcError);
      expectAbortReason(await waitFor("the abort", () => aborts.get("ours")), Code.Network);
    } finally {
      client.close();
    }
  });

  it("a server-streaming iterator that ignores the signal is returned once the client leaves", async () => {
    const call = grpcClient.GreetStream!({ name: "stream" }) as grpc.ClientReadableStream<unknown>;
    call.on("error", () => undefined);
    await new Promise((resolve) => call.once("data", resolve));
    call.cancel();
    expectAbortReason(
      await waitFor("the iterator's finally", () => streamEnds.get("stream")),
      Code.Network,
    );
  });

  it("a server-streaming implementation waiting on the signal sees our client leave early", async () => {
    const client = createIdlClient(greetService, { address: `127.0.0.1:${port}` });
    try {
      for await (const _ of client.greetStream!({ name: "wait" }) as AsyncIterable<unknown>) break;
      expectAbortReason(await waitFor("the abort", () => aborts.get("wait")), Code.Network);
      expect(await waitFor("the iterator's end", () => streamEnds.get("wait"))).toBe(
        aborts.get("wait"),
      );
    } finally {
      client.close();
    }
  });

  it("a Java-interface service over tri sees the abort when the dubbo-ts consumer's timeout fires", async () => {
    const brands = consumer.reference(BrandService, {
      version: "1.0.0",
      url: `tri://127.0.0.1:${port}`,
      timeout: 3000,
      retries: 0,
    });
    const error = await RpcContext.withAttachments({ timeout: 300 }, () =>
      brands.slow(60_000),
    ).catch((e: unknown) => e);
    expect((error as RpcError).code).toBe(Code.Timeout);
    const reason = await waitFor("the abort", () => aborts.get("slow 60000"));
    expectAbortReason(reason, Code.Timeout, Code.Network);
    expect(await brands.whoAmI()).toBe("signal");
  });
});
