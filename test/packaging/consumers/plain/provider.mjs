// A provider in plain ESM JavaScript: DUBBO_REGISTRY_ADDRESS and DUBBO_PROTOCOL_PORT come from the
// environment (createApplication reads them). Prints "ready" once registered; SIGTERM closes it.
import { createApplication } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { GREETER, GREETER_VERSION, Greeting } from "./greeter.mjs";

const app = createApplication({
  name: "packaging-check-provider",
  protocol: { name: "dubbo", host: "127.0.0.1" },
  services: [
    {
      contract: GREETER,
      version: GREETER_VERSION,
      implementation: {
        async greet(name, count) {
          const greeting = new Greeting();
          greeting.text = `hello ${name}`;
          greeting.count = count + 1;
          return greeting;
        },
      },
    },
  ],
  plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
});
app.closeOnSignals();
await app.start();
console.log("ready");
