/**
 * Calls the Greeter once and as a stream: `node dist/client.js [name]`. It connects to
 * `GREETER_URL` (default tri://127.0.0.1:50051), or finds providers in ZooKeeper when
 * `DUBBO_REGISTRY_ADDRESS` is set.
 */
import { createApplication } from "@dubbo-ts/core";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { type Greeter, greeterContract } from "./greeter.js";

const registry = process.env.DUBBO_REGISTRY_ADDRESS;
const app = createApplication({
  name: "greeter-client",
  registry: registry ? { address: registry } : false,
  protocol: { name: "tri", host: "127.0.0.1" },
  plugins: { registry: createZookeeperRegistry, protocol: createTripleProtocol },
  env: process.env,
});
const greeter = app.reference<Greeter>(await greeterContract(), {
  ...(registry ? {} : { url: process.env.GREETER_URL || "tri://127.0.0.1:50051" }),
  timeout: 3000,
});
await app.start();
try {
  const name = process.argv[2] || "dubbo-ts";
  console.log((await greeter.greet({ name })).greeting);
  for await (const reply of await greeter.greetStream({ name, count: 3 }))
    console.log(reply.greeting);
} finally {
  await app.close();
}
