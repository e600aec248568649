import path from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

export const GREET_PROTO = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "fixtures/greet.proto",
);

/** The grpc-js constructor of greet.GreeterService, from @grpc/proto-loader. */
export function grpcGreeter(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(GREET_PROTO, { longs: String, defaults: true });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    greet: { GreeterService: grpc.ServiceClientConstructor };
  };
  return loaded.greet.GreeterService;
}

/** Starts a grpc-js server on a free loopback port. */
export async function startGrpcServer(
  implementation: grpc.UntypedServiceImplementation,
  credentials: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure(),
): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  server.addService(grpcGreeter().service, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", credentials, (error, p) =>
      error ? reject(error) : resolve(p),
    ),
  );
  return { server, port };
}

/** Waits until `check()` is true (polling every 10 ms), failing after `ms`. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
