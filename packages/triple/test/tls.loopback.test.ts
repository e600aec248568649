import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { createIdlClient, createIdlServer, loadProto } from "../src/index.js";
import { GREET_PROTO, grpcGreeter, startGrpcServer } from "./grpc-support.js";

// A self-signed certificate for localhost / 127.0.0.1 (fixtures/tls-*.pem, valid 100 years).
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const key = readFileSync(path.join(fixtures, "tls-key.pem"));
const cert = readFileSync(path.join(fixtures, "tls-cert.pem"));

interface Greeter {
  greet(req: { name: string }): Promise<{ greeting: string }>;
  close(): void;
}

describe("TLS (h2 over TLS)", () => {
  it("grpc-js with TLS credentials calls our TLS server, and our TLS client calls it too", async () => {
    const root = await loadProto(GREET_PROTO);
    const service = root.lookupService("greet.GreeterService");
    const server = createIdlServer({ port: 0, tls: { key, cert } });
    server.addService(service, {
      greet: (req: { name: string }) => ({ greeting: `tls ${req.name}` }),
      async *greetStream() {},
      greetClientStream: () => ({}),
      async *greetBidi() {},
    });
    const port = await server.start();
    const Client = grpcGreeter();
    const grpcClient = new Client(
      `localhost:${port}`,
      grpc.credentials.createSsl(cert),
    ) as grpc.Client & Record<string, (...a: unknown[]) => unknown>;
    const ours = createIdlClient<Greeter>(service, {
      address: `127.0.0.1:${port}`,
      tls: { ca: cert },
    });
    try {
      const value = await new Promise((resolve, reject) =>
        grpcClient.Greet!({ name: "grpc" }, (e: Error | null, v: unknown) =>
          e ? reject(e) : resolve(v),
        ),
      );
      expect(value).toEqual({ greeting: "tls grpc" });
      expect(await ours.greet({ name: "ours" })).toEqual({ greeting: "tls ours" });
    } finally {
      grpcClient.close();
      ours.close();
      await server.close(100);
    }
  });

  it("our TLS client calls a grpc-js TLS server", async () => {
    const { server, port } = await startGrpcServer(
      {
        Greet(
          call: grpc.ServerUnaryCall<{ name: string }, unknown>,
          cb: grpc.sendUnaryData<unknown>,
        ) {
          cb(null, { greeting: `grpc tls ${call.request.name}` });
        },
      },
      grpc.ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }]),
    );
    const root = await loadProto(GREET_PROTO);
    const ours = createIdlClient<Greeter>(root.lookupService("greet.GreeterService"), {
      address: `127.0.0.1:${port}`,
      tls: { ca: cert },
    });
    try {
      expect(await ours.greet({ name: "x" })).toEqual({ greeting: "grpc tls x" });
    } finally {
      ours.close();
      server.forceShutdown();
    }
  });
});
