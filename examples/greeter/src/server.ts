/**
 * The Greeter over Triple on `DUBBO_PROTOCOL_PORT` (default 50051, 127.0.0.1), callable by any
 * gRPC client (`grpcurl -plaintext -proto proto/greet.proto -d '{"name":"x"}' 127.0.0.1:50051
 * greet.GreeterService/Greet`) and by Java Dubbo. With `DUBBO_REGISTRY_ADDRESS` it also registers
 * in ZooKeeper. SIGTERM/SIGINT drain the calls in flight (GOAWAY) and exit.
 */
import { createApplication, createDefaultLogger } from "@dubbo-ts/core";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { greeterContract, greeterImpl } from "./greeter.js";

const logger = createDefaultLogger({ name: "greeter" });
const app = createApplication({
  name: "greeter-server",
  registry: process.env.DUBBO_REGISTRY_ADDRESS
    ? { address: process.env.DUBBO_REGISTRY_ADDRESS }
    : false,
  protocol: { name: "tri", port: 50051, host: "127.0.0.1" },
  services: [{ contract: await greeterContract(), implementation: greeterImpl }],
  plugins: { registry: createZookeeperRegistry, protocol: createTripleProtocol },
  logger,
  env: process.env,
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
await app.start();
logger.info(`Greeter ready on ${app.exported[0]?.address}`);
