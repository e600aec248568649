import { isPortFree } from "../../../scripts/zk-ensemble.mjs";

/** Ports this process handed out: never twice, even before the first one is bound. */
const handedOut = new Set<number>();

/**
 * A free loopback TCP port for a process that binds it later (a JVM starting takes seconds). Not
 * listen(0): the OS hands out a port of the ephemeral range, where any connect() of a busy suite
 * may take it meanwhile (a CI run lost a Java 3.3 provider to that). Drawn from 10000–19999, below
 * that range and the ZooKeeper ensembles' ports (findFreePortBase), from a slice of 1000 per vitest
 * worker (VITEST_POOL_ID) so that test files running at once never draw the same port.
 */
export async function freePort(): Promise<number> {
  const slice = 10_000 + (Number(process.env.VITEST_POOL_ID ?? 0) % 10) * 1000;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = slice + Math.floor(Math.random() * 1000);
    if (handedOut.has(port) || !(await isPortFree(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free loopback port between ${slice} and ${slice + 999}`);
}
