/**
 * Start-up validation helpers. Every configuration mistake becomes a TypeError (wrong kind of
 * value) or RangeError (out of range) whose message names where the value came from and what to
 * change, e.g. `DUBBO_PROTOCOL_PORT (environment) must be an integer from 0 to 65535 (0 picks a
 * free port), got "abc"`.
 */

/** A value with the label of where it came from (`protocol.port in dubbo.json`). */
export interface Sourced<T = unknown> {
  readonly value: T;
  readonly label: string;
}

const show = (value: unknown) =>
  typeof value === "bigint" ? `${value}n` : (JSON.stringify(value) ?? String(value));

/** An integer within [min, max]; strings of digits (environment) are accepted and converted. */
export function checkInteger(
  value: unknown,
  label: string,
  range: { min: number; max?: number; what?: string },
): number {
  let n = value;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) n = Number(value);
  const what =
    range.what ??
    (range.max === undefined
      ? `an integer ≥ ${range.min}`
      : `an integer from ${range.min} to ${range.max}`);
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new TypeError(`${label} must be ${what}, got ${show(value)}`);
  }
  if (n < range.min || (range.max !== undefined && n > range.max)) {
    throw new RangeError(`${label} must be ${what}, got ${show(value)}`);
  }
  return n;
}

/** `true`/`false`, or the strings "true"/"false" (environment). */
export function checkBoolean(value: unknown, label: string): boolean {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new TypeError(`${label} must be true or false, got ${show(value)}`);
}

/** A non-empty string (trimmed). */
export function checkText(value: unknown, label: string, example?: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(
      `${label} must be a non-empty string${example ? ` like ${show(example)}` : ""}, got ${show(value)}`,
    );
  }
  return value.trim();
}

/** One of the registered names (a load balancer, a cluster strategy). */
export function checkName(value: unknown, label: string, known: readonly string[]): string {
  const name = checkText(value, label);
  if (!known.includes(name)) {
    throw new RangeError(`${label} must be one of ${known.join(", ")}, got ${show(value)}`);
  }
  return name;
}

/** Rejects keys of `object` that are not in `known` (typos in a config file or options). */
export function checkKnownKeys(object: object, known: readonly string[], label: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      throw new TypeError(`unknown key "${key}" in ${label}; known keys: ${known.join(", ")}`);
    }
  }
}

/** A plain object (a config section). */
export function checkSection(value: unknown, label: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`${label} must be an object, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * A registry address: `N/A` (none), `zookeeper://h1:2181,h2:2182?backup=…`, or `h1:2181,h2:2182`;
 * each host needs a port from 1 to 65535.
 */
export function checkRegistryAddress(value: unknown, label: string): string {
  const address = checkText(value, label, "zookeeper://127.0.0.1:2181");
  if (address === "N/A") return address;
  const m = /^(?:([A-Za-z][\w+.-]*):\/\/)?(?:[^@/?]*@)?([^/?]+)(?:[/?].*)?$/.exec(address);
  const hosts = m?.[2]?.split(",") ?? [];
  const ok =
    hosts.length > 0 &&
    hosts.every((h) => {
      const hp = /^([^:\s]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(h.trim());
      return hp !== null && Number(hp[2]) >= 1 && Number(hp[2]) <= 65535;
    });
  if (!ok) {
    throw new TypeError(
      `${label} must look like zookeeper://host:port[,host:port…] (or "N/A" for no registry), got ${show(value)}`,
    );
  }
  return address;
}

/** An address consumers can reach (a host name or IP, not a wildcard bind address). */
export function checkHost(value: unknown, label: string): string {
  const host = checkText(value, label, "127.0.0.1");
  if (host === "0.0.0.0" || host === "::" || host === "[::]") {
    throw new RangeError(
      `${label} must be an address consumers can reach, not the wildcard ${show(host)}; leave it unset to register this machine's IP`,
    );
  }
  if (!/^[\w.-]+$|^\[?[0-9a-fA-F:]+\]?$/.test(host)) {
    throw new TypeError(`${label} must be a host name or IP address, got ${show(value)}`);
  }
  return host;
}

/** An address to listen on: a host name or IP, wildcards (`0.0.0.0`, `::`) allowed. */
export function checkBindHost(value: unknown, label: string): string {
  const host = checkText(value, label, "0.0.0.0");
  if (!/^[\w.-]+$|^\[?[0-9a-fA-F:]+\]?$/.test(host)) {
    throw new TypeError(
      `${label} must be a host name or IP address to listen on, got ${JSON.stringify(value)}`,
    );
  }
  return host;
}

/** A service version/group (Dubbo puts them in paths and keys: no spaces, slashes or colons). */
export function checkKeyPart(value: unknown, label: string): string {
  const text = checkText(value, label, "1.0.0");
  if (!/^[\w.*,-]+$/.test(text)) {
    throw new TypeError(
      `${label} may only contain letters, digits and . _ - * , , got ${show(value)}`,
    );
  }
  return text;
}
