import { readFileSync } from "node:fs";
import net from "node:net";

/** The kernel's ephemeral range: connect() and listen(0) take their ports from it. */
function ephemeralLow(): number {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").split(/\s+/)[0]);
  } catch {
    return 0;
  }
}

const PICK_FROM = 10_000;

function listensOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(undefined));
    server.listen(port, "127.0.0.1", () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A free loopback TCP port for a process that binds it seconds later (a JVM starting). A port the
 * OS hands out for listen(0) comes from the ephemeral range, where any connect() of a busy suite
 * may take it in those seconds (a CI run lost a Java 3.3 provider to "Address already in use").
 * So the port is drawn at random below that range and checked free; port 0 only when the range
 * starts too low to leave room.
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  for (let i = 0; low - PICK_FROM >= 1000 && i < 50; i++) {
    const port = await listensOn(PICK_FROM + Math.floor(Math.random() * (low - PICK_FROM)));
    if (port !== undefined) return port;
  }
  const port = await listensOn(0);
  if (port === undefined) throw new Error("no free loopback port");
  return port;
}
