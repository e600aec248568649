// The provider of impls/dubbo-ts-workers*.mjs, in its own process tree: createApplication with
// `protocol.workers` (argv[3]) serving the bench service on a free port of argv[2]. node:cluster
// re-runs this script in every worker; the primary prints `READY <port>` once all of them serve.
// Runs on the build output (`npx tsc -b`).

import { startAppProvider } from "../impls/dubbo-ts-app.mjs";

const [host = "127.0.0.1", workers = "2"] = process.argv.slice(2);
const { core, app } = await startAppProvider({ host, workers: Number(workers) });
if (core.providerWorkerSlot() === undefined)
  process.stdout.write(`READY ${app.exported[0].port}\n`);
