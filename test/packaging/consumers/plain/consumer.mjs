// A consumer in plain ESM JavaScript: finds the provider through ZooKeeper
// (DUBBO_REGISTRY_ADDRESS), calls it once, prints the result as JSON and closes.
import { createApplication } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { GREETER, GREETER_VERSION } from "./greeter.mjs";

const app = createApplication({
  name: "packaging-check-consumer",
  plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
});
const greeter = app.reference(GREETER, { version: GREETER_VERSION });
await app.start();
try {
  const greeting = await greeter.greet("plain js", 1);
  console.log(JSON.stringify({ text: greeting.text, count: greeting.count }));
} finally {
  await app.close();
}
