/**
 * The script `startProviderProcess` runs for provider-workers.test.ts (every process of the
 * provider runs it: node:cluster re-executes it in each worker). While the file `crashFlag` exists,
 * a worker exits at once, before loading anything (a fast crash loop); otherwise the application
 * in worker-provider-app.ts starts.
 */
import cluster from "node:cluster";
import { existsSync } from "node:fs";

const { crashFlag } = JSON.parse(process.argv[2] ?? "{}") as { crashFlag?: string };
if (cluster.isWorker && crashFlag && existsSync(crashFlag)) process.exit(3);
await import("./worker-provider-app.js");
