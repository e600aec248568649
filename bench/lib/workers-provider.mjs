// The provider of impls/dubbo-ts-workers*.mjs, in its own process tree: createApplication with
// `protocol.workers` (argv[3]) serving the bench service on a free port of argv[2]. node:cluster
// re-runs this script in every worker; the primary prints `READY <port>` once all of them serve.
// Runs on the build output (`npx tsc -b`).

import { defineBenchClasses, definition, implementation } from "../impls/dubbo-ts.mjs";
import { VERSION } from "./payloads.mjs";

const [host = "127.0.0.1", workers = "2"] = process.argv.slice(2);
const core = await import("@dubbo-ts/core");
const { createDubboProtocol } = await import("@dubbo-ts/protocol");
defineBenchClasses(core);
const app = core.createApplication({
  name: "bench-provider",
  registry: false,
  protocol: { name: "dubbo", port: 0, host, workers: Number(workers) },
  services: [{ implementation, contract: definition, version: VERSION }],
  plugins: { protocol: createDubboProtocol },
  env: false,
});
await app.start();
if (core.providerWorkerSlot() === undefined)
  process.stdout.write(`READY ${app.exported[0].port}\n`);
