import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createEnsemble, findFreePortBase } from "../scripts/zk-ensemble.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** `127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3` of the ensemble started for this run. */
    zkConnect: string;
    /** Where the ensemble keeps its node dirs, so tests can drive it with createEnsemble({ dir, … }). */
    zkDir: string;
    /** First client port; node N listens on zkClientPort + N - 1. */
    zkClientPort: number;
    zkPeerPort: number;
    zkElectionPort: number;
  }
}

/**
 * Starts a real 3-node ZooKeeper ensemble on random free loopback ports (never 2181) for the
 * integration tests, and stops it when they end, failed or not. If ZooKeeper cannot start, this
 * throws and every integration test fails with the reason: they are never silently skipped.
 */
export default async function setup(project: TestProject) {
  const base = await findFreePortBase(9);
  const options = {
    size: 3,
    clientPort: base,
    peerPort: base + 3,
    electionPort: base + 6,
    dir: path.resolve(".zk", `test-${base}`),
    tickTime: 1000,
  };
  const ensemble = createEnsemble(options);
  await ensemble.start(90_000);
  project.provide("zkConnect", ensemble.connectionString);
  project.provide("zkDir", options.dir);
  project.provide("zkClientPort", options.clientPort);
  project.provide("zkPeerPort", options.peerPort);
  project.provide("zkElectionPort", options.electionPort);
  return async () => {
    await ensemble.stop("SIGKILL");
    rmSync(options.dir, { recursive: true, force: true });
  };
}
