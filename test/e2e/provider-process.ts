/**
 * A real provider in its own process, for integration tests that kill it (`kill -9`) or stop it
 * gracefully (SIGTERM). Run by `startProviderProcess` (@dubbo-ts/test-support):
 *   node --conditions=source --import <test/support>/src/register-ts.mjs provider-process.ts <json>
 * It exports `IntegrationService` over the real dubbo protocol, registers it in ZooKeeper, prints
 * `READY <port>` on stdout once started, appends every handled call id to `callLog` (to detect a
 * call executed twice), and closes gracefully on SIGTERM.
 */
import { appendFileSync } from "node:fs";
import { createApplication, Service } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { IntegrationContract } from "@dubbo-ts/test-support";

const options = JSON.parse(process.argv[2] ?? "{}") as {
  name: string;
  zk: string;
  callLog: string;
  interface: string;
  sessionTimeout?: number;
};

@Service({ version: "1.0.0" })
class IntegrationService extends IntegrationContract {
  override async handle(id: string, delayMs: number): Promise<string> {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    appendFileSync(options.callLog, `${id}\n`);
    return options.name;
  }
}

const app = createApplication({
  name: "core-it-provider",
  registry: {
    address: `zookeeper://${options.zk}`,
    sessionTimeout: options.sessionTimeout ?? 4000,
    cacheFile: false,
  },
  protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
  services: [{ implementation: new IntegrationService(), interface: options.interface }],
  plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
  env: false,
});

process.on("SIGTERM", () => {
  app.close({ timeoutMs: 10_000 }).then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

await app.start();
process.stdout.write(`READY ${app.exported[0]!.port}\n`);
