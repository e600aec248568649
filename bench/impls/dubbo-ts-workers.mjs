// dubbo-ts with provider workers (`protocol.workers: 2`): the server agent starts
// lib/workers-provider.mjs as a child (a node:cluster primary and its 2 workers, all counted in
// the server's CPU: the runner sums the agent's process tree); the client is dubbo-ts-app's
// (createApplication) with 8 connections, which cluster hands out round-robin to the workers.
// impls/dubbo-ts-workers-1.mjs is the same setup with 1 worker (one process): the baseline.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dubboTsUnavailable } from "./dubbo-ts.mjs";
import { startAppClient } from "./dubbo-ts-app.mjs";

const PROVIDER = fileURLToPath(new URL("../lib/workers-provider.mjs", import.meta.url));
/** Connections per consumer: enough that round-robin spreads them evenly over the workers. */
const CONNECTIONS = 8;

/** The adapter for `workers` provider workers. */
export function workersImpl(name, workers) {
  return {
    name,
    label: `dubbo-ts (createApplication, ${workers} worker${workers > 1 ? "s" : ""}, ${CONNECTIONS} connections)`,

    unavailable: () => dubboTsUnavailable({ core: ["createApplication", "providerWorkerSlot"] }),

    async startServer({ host }) {
      const child = spawn(process.execPath, [PROVIDER, host, String(workers)], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const port = await new Promise((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
          const m = /READY (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        exited.then((code) => reject(new Error(`the workers provider exited with ${code}`)));
      });
      return {
        port,
        close: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      };
    },

    startClient: ({ host, port }) => startAppClient({ host, port, connections: CONNECTIONS }),
  };
}

export default workersImpl("dubbo-ts-workers", 2);
