import net from "node:net";

/**
 * Java's `PermissionLevel` (dubbo-qos-api): what a command requires and what a caller has.
 * Loopback callers are `PRIVATE` (everything), whitelisted foreign IPs `PROTECTED` (most
 * commands), other foreign IPs get `qosAnonymousAccessPermissionLevel` (default `PUBLIC`: only
 * `live`, `ready`, `startup`, `quit`); `NONE` refuses foreign connections outright.
 */
export const PermissionLevel = { PUBLIC: 1, PROTECTED: 2, PRIVATE: 3, NONE: -1 } as const;
export type PermissionLevelName = keyof typeof PermissionLevel;

/**
 * Parses a level by name (any case) or number, as `PermissionLevel.from` does. Unlike Java
 * (which silently falls back to PUBLIC), an unknown value is a RangeError naming `key`.
 */
export function parsePermissionLevel(value: string, key: string): PermissionLevelName {
  const text = value.trim().toUpperCase();
  for (const [name, level] of Object.entries(PermissionLevel)) {
    if (name === text || String(level) === text) return name as PermissionLevelName;
  }
  throw new RangeError(
    `${key} is "${value}": use PUBLIC, PROTECTED, PRIVATE or NONE (Java's qos-anonymous-access-permission-level)`,
  );
}

/** `::ffff:10.0.0.1` → `10.0.0.1` (what Node reports for IPv4 peers of a dual-stack socket). */
export function plainAddress(address: string): string {
  return address.startsWith("::ffff:") && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** Java's `InetAddress.isLoopbackAddress`: 127.0.0.0/8 and ::1. */
export function isLoopback(address: string): boolean {
  const a = plainAddress(address);
  return a === "::1" || (net.isIPv4(a) && a.startsWith("127."));
}

function ipv4Pattern(pattern: string): ((ip: string) => boolean) | undefined {
  const parts = pattern.split(".");
  if (parts.length !== 4) return undefined;
  const tests: ((n: number) => boolean)[] = [];
  for (const part of parts) {
    if (part === "*") tests.push(() => true);
    else if (/^\d{1,3}-\d{1,3}$/.test(part)) {
      const [lo, hi] = part.split("-").map(Number) as [number, number];
      tests.push((n) => n >= lo && n <= hi);
    } else if (/^\d{1,3}$/.test(part)) tests.push((n) => n === Number(part));
    else return undefined;
  }
  return (ip) => {
    if (!net.isIPv4(ip)) return false;
    const octets = ip.split(".").map(Number);
    return tests.every((t, i) => t(octets[i]!));
  };
}

/**
 * The `qosAcceptForeignIpWhitelist` matcher: comma-separated IPs, CIDR ranges (`10.0.0.0/8`,
 * `fd00::/8`) and IPv4 wildcards/ranges (`192.168.1.*`, `192.168.1.10-20`), as Java's
 * `NetUtils.matchIpExpression`. An entry that is none of these is a RangeError naming `key`.
 */
export function createWhitelist(list: string, key: string): (address: string) => boolean {
  const blocks = new net.BlockList();
  const patterns: ((ip: string) => boolean)[] = [];
  for (const raw of list.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const slash = entry.indexOf("/");
    if (slash > 0) {
      const base = entry.slice(0, slash);
      const bits = Number(entry.slice(slash + 1));
      const type = net.isIPv4(base) ? "ipv4" : net.isIPv6(base) ? "ipv6" : undefined;
      if (type && Number.isInteger(bits) && bits >= 0 && bits <= (type === "ipv4" ? 32 : 128)) {
        blocks.addSubnet(base, bits, type);
        continue;
      }
    } else if (net.isIPv4(entry)) {
      blocks.addAddress(entry, "ipv4");
      continue;
    } else if (net.isIPv6(entry)) {
      blocks.addAddress(entry, "ipv6");
      continue;
    } else {
      const p = ipv4Pattern(entry);
      if (p) {
        patterns.push(p);
        continue;
      }
    }
    throw new RangeError(
      `${key}: "${entry}" is not an IP, a CIDR range (10.0.0.0/8) or an IPv4 pattern (192.168.1.*)`,
    );
  }
  return (address) => {
    const ip = plainAddress(address);
    const type = net.isIPv4(ip) ? "ipv4" : net.isIPv6(ip) ? "ipv6" : undefined;
    if (!type) return false;
    return blocks.check(ip, type) || patterns.some((p) => p(ip));
  };
}

/** The security part of the QoS configuration. */
export interface AccessPolicy {
  readonly acceptForeignIp: boolean;
  readonly whitelist: (address: string) => boolean;
  readonly anonymousLevel: PermissionLevelName;
  /** Commands anonymous callers may run whatever their level (`qos.anonymous.access.allow.commands`). */
  readonly anonymousAllowCommands: readonly string[];
}

/**
 * ForeignHostPermitHandler: whether a connection from `address` may stay open. Foreign IPs are
 * kept when foreign IPs are accepted, when anonymous access is allowed (level other than NONE:
 * commands are then checked one by one), or when whitelisted.
 */
export function mayConnect(policy: AccessPolicy, address: string): boolean {
  return (
    policy.acceptForeignIp ||
    policy.anonymousLevel !== "NONE" ||
    isLoopback(address) ||
    policy.whitelist(address)
  );
}

/** DefaultAnonymousAccessPermissionChecker: whether `address` may run a command needing `required`. */
export function mayRun(
  policy: AccessPolicy,
  address: string,
  command: string,
  required: PermissionLevelName,
): boolean {
  if (policy.anonymousLevel === "NONE") return true; // only reachable when the connection passed mayConnect
  if (policy.anonymousAllowCommands.includes(command)) return true;
  let level: number = PermissionLevel[policy.anonymousLevel];
  if (isLoopback(address)) level = PermissionLevel.PRIVATE;
  else if (policy.whitelist(address)) level = PermissionLevel.PROTECTED;
  return level >= PermissionLevel[required];
}

/** The message Java writes before closing a refused foreign connection (ForeignHostPermitHandler). */
export const FOREIGN_IP_REFUSED =
  "\r\nForeign Ip Not Permitted, Consider Config It In Whitelist.\r\n";
