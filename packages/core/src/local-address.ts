import { networkInterfaces } from "node:os";

/**
 * The address this machine registers when none is configured (Java's `NetUtils.getLocalHost`):
 * the first non-internal IPv4 address, else 127.0.0.1. Never a wildcard like 0.0.0.0.
 */
export function localAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === "IPv4" && !a.internal && a.address !== "0.0.0.0") return a.address;
    }
  }
  return "127.0.0.1";
}
