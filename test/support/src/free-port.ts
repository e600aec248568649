import { findFreePortBase } from "../../../scripts/zk-ensemble.mjs";

/**
 * A free loopback TCP port for a process that binds it later (a JVM starting takes seconds). Not
 * listen(0): the OS hands out a port of the ephemeral range, where any connect() of a busy suite
 * may take it meanwhile (a CI run lost a Java 3.3 provider to that). Drawn below that range, and
 * below the ZooKeeper ensembles' ports.
 */
export function freePort(): Promise<number> {
  return findFreePortBase(1, 10_000, 20_000);
}
