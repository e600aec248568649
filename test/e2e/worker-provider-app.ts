/**
 * The application of worker-provider-process.ts: a provider whose workers come from
 * `DUBBO_PROTOCOL_WORKERS` in its environment. Every process of it (primary and workers) runs it.
 * `handle(id, delayMs)` answers the pid of the worker that served it (test-only: tells the workers
 * apart), appending `start:<id>` then `<id>` to `callLog`; an id starting with `ref:` is handled
 * through a reference to the same service (a consumer inside a worker). QoS listens on
 * `DUBBO_APPLICATION_QOS_PORT`, with the metrics extension. The primary prints
 * `READY <port>` once started; the default shutdown hook closes it on SIGTERM.
 */
import { appendFileSync } from "node:fs";
import { createApplication, providerWorkerSlot, Reference, Service } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { metricsExtension, qosExtension } from "@dubbo-ts/qos";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { IntegrationContract } from "@dubbo-ts/test-support";

const options = JSON.parse(process.argv[2] ?? "{}") as {
  name: string;
  zk: string;
  callLog: string;
  interface: string;
};

@Service({ version: "1.0.0" })
class PidService extends IntegrationContract {
  @Reference({
    contract: IntegrationContract,
    interface: options.interface,
    version: "1.0.0",
    check: false,
  })
  self!: IntegrationContract;

  override async handle(id: string, delayMs: number): Promise<string> {
    if (id.startsWith("ref:")) return `${process.pid}>${await this.self.handle(id.slice(4), 0)}`;
    appendFileSync(options.callLog, `start:${id}\n`);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    appendFileSync(options.callLog, `${id}\n`);
    return String(process.pid);
  }
}

const service = new PidService();
// Every process counts its own calls; the primary's /metrics (through QoS) sums the workers'.
const metrics = metricsExtension();
const app = createApplication({
  name: "workers-it-provider",
  registry: { address: `zookeeper://${options.zk}`, sessionTimeout: 30_000, cacheFile: false },
  protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
  application: { registerMode: "interface" },
  services: [{ implementation: service, interface: options.interface }],
  components: [service],
  plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
  // QoS on DUBBO_APPLICATION_QOS_PORT: started by the primary only.
  extensions: [metrics, qosExtension({ metrics })],
});

await app.start();
if (providerWorkerSlot() === undefined) {
  process.stdout.write(`READY ${app.exported[0]!.port}\n`);
}
