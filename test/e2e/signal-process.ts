/**
 * A provider process as a new user writes it: no signal handling of its own, the default logger.
 * Run by first-contact-process.test.ts:
 *   node --conditions=source --import <test/support>/src/register-ts.mjs signal-process.ts <json>
 * It exports one service registered in ZooKeeper and prints `READY <port>`. With `closeNow` it
 * closes at once and prints the resources still holding the event loop (`HOLDING …`), then lets
 * the process end by itself.
 */
import { createApplication } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";

const options = JSON.parse(process.argv[2] ?? "{}") as {
  zk: string;
  interface: string;
  closeNow?: boolean;
};

const app = createApplication({
  name: "signal-provider",
  registry: { address: `zookeeper://${options.zk}`, cacheFile: false, connectTimeout: 1000 },
  protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
  services: [
    {
      implementation: { who: async () => "signal-provider" },
      contract: {
        interface: options.interface,
        methods: [{ name: "who", parameterTypes: [], returnType: "java.lang.String" }],
      },
    },
  ],
  plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
});
await app.start();
process.stdout.write(`READY ${app.exported[0]!.port}\n`);
if (options.closeNow) {
  await app.close();
  // What still keeps the process alive once closed (stdout/stderr pipes always do until exit).
  const holding = process
    .getActiveResourcesInfo()
    .filter((r) => r !== "PipeWrap" && r !== "TTYWrap");
  process.stdout.write(`HOLDING ${JSON.stringify(holding)}\n`);
}
