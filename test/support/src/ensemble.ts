import { inject } from "vitest";
import { createEnsemble, type Ensemble } from "../../../scripts/zk-ensemble.mjs";

/**
 * The ensemble the global setup started, as an object tests can stop and restart nodes of.
 * Tests that stop nodes must leave all three running when they end (`restoreAll`).
 */
export function testEnsemble(): Ensemble & { restoreAll(): Promise<void> } {
  const ensemble = createEnsemble({
    size: 3,
    clientPort: inject("zkClientPort"),
    peerPort: inject("zkPeerPort"),
    electionPort: inject("zkElectionPort"),
    dir: inject("zkDir"),
    tickTime: 1000,
  });
  return Object.assign(ensemble, {
    async restoreAll() {
      for (const n of ensemble.nodes) await ensemble.startNode(n.id);
      await ensemble.waitForQuorum(60_000);
    },
  });
}
