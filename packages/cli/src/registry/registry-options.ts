import { UsageError } from "../command.js";

/** `--registry` text for the usages. */
export const REGISTRY_USAGE = `  --registry <address>  zookeeper://h1:2181,h2:2182[?group=dubbo] or h1:2181 (default: the
                        DUBBO_REGISTRY_ADDRESS environment variable, as the runtime reads it)`;

/** The registry address from `--registry`, else `DUBBO_REGISTRY_ADDRESS`; a UsageError if neither. */
export function registryAddress(option: string | undefined): string {
  const address = option ?? process.env.DUBBO_REGISTRY_ADDRESS;
  if (!address) {
    throw new UsageError("give --registry zookeeper://host:port (or set DUBBO_REGISTRY_ADDRESS)");
  }
  return address;
}

/**
 * A value as JSON a script can read: bigint as a decimal string, Map as an object (or entry
 * pairs when a key is not a string), Buffer/Uint8Array as base64, Date as ISO text.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    function (this: unknown, key, v: unknown) {
      const raw = (this as Record<string, unknown>)[key];
      if (raw instanceof Date) return raw.toISOString();
      if (typeof v === "bigint") return v.toString();
      if (v instanceof Map) {
        const entries = [...v.entries()];
        return entries.every(([k]) => typeof k === "string")
          ? Object.fromEntries(entries)
          : entries;
      }
      if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
      return v;
    },
    2,
  );
}
