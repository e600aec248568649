import { findFreePortBase } from "../../../scripts/zk-ensemble.mjs";

/**
 * A free loopback TCP port for a process that binds it later (a JVM starting takes seconds). Not
 * listen(0): the OS hands out a port of the ephemeral range, where any connect() of a busy suite
 * may take it meanwhile (a CI run lost a Java 3.3 provider to that). Drawn from 10000–19999, below
 * that range and the ZooKeeper ensembles' ports, from a slice of 1000 per vitest worker
 * (VITEST_POOL_ID) so that test files running at once never draw the same port; never twice in a
 * process (findFreePortBase).
 */
export function freePort(): Promise<number> {
  const low = 10_000 + (Number(process.env.VITEST_POOL_ID ?? 0) % 10) * 1000;
  return findFreePortBase(1, low, low + 1000);
}
