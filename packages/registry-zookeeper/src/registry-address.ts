/** One ZooKeeper server of the ensemble. */
export interface ZookeeperServer {
  host: string;
  port: number;
}

/** A registry address after parsing: everything needed to connect, nothing connected yet. */
export interface RegistryAddress {
  /** Every server, the first one first (node-zookeeper-client shuffles them when connecting). */
  servers: ZookeeperServer[];
  /** ZooKeeper chroot (`/a/b`) the client is confined to, or undefined. */
  chroot: string | undefined;
  /** Dubbo's root node, `/` + the `group` parameter (default `/dubbo`). */
  root: string;
  username: string | undefined;
  password: string | undefined;
  /** The `key=value` parameters of a `zookeeper://` address (empty for a plain connect string). */
  parameters: Readonly<Record<string, string>>;
  /**
   * What Java's `URL.getAddress()` returns for the same address, used in the default cache file
   * name: the first server for `?backup=` and plain forms, the whole comma list for
   * `zookeeper://h1:2181,h2:2182` (URLStrParser keeps it as one "host").
   */
  javaAddress: string;
}

/** ZooKeeper's client port, applied by Dubbo's config layer when an address has none. */
export const DEFAULT_ZOOKEEPER_PORT = 2181;

const ACCEPTED_FORMS = [
  "zookeeper://h1:2181,h2:2182,h3:2183",
  "zookeeper://h1:2181?backup=h2:2182,h3:2183",
  "h1:2181,h2:2182,h3:2183   (a ZooKeeper connect string, optionally ending in /chroot)",
  "zookeeper://user:password@h1:2181/chroot?group=dubbo&session=60000&timeout=5000",
];

/** The TypeError every malformed address (or chroot, or group) produces: what is wrong, then the accepted forms. */
function invalid(address: string, reason: string): TypeError {
  return new TypeError(
    `invalid ZooKeeper registry address ${JSON.stringify(address)}: ${reason}. Accepted forms:\n  ${ACCEPTED_FORMS.join("\n  ")}`,
  );
}

/** Interfaces Java puts in the path of a registry URL; they are not a chroot. */
const REGISTRY_SERVICE_PATHS = new Set([
  "org.apache.dubbo.registry.RegistryService",
  "com.alibaba.dubbo.registry.RegistryService",
]);

// RFC 1123 host names and dotted IPv4. IPv6 literals are refused: node-zookeeper-client splits
// each server on ":" (ConnectionStringParser.js) and cannot connect to them.
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function parseServer(address: string, text: string): ZookeeperServer {
  const item = text.trim();
  if (item === "") throw invalid(address, "an empty server entry (two commas in a row?)");
  if (item.startsWith("[")) {
    throw invalid(address, `IPv6 literal ${item}: node-zookeeper-client cannot connect to one`);
  }
  let host = item;
  let port = DEFAULT_ZOOKEEPER_PORT;
  const colon = item.indexOf(":");
  if (colon >= 0) {
    host = item.slice(0, colon);
    const portText = item.slice(colon + 1);
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw invalid(address, `port ${JSON.stringify(portText)} of ${item} is not in 1..65535`);
    }
    port = Number(portText);
  }
  if (!HOST_NAME.test(host)) {
    throw invalid(address, `${JSON.stringify(host)} is not a host name or IP address`);
  }
  return { host, port };
}

function parseServers(address: string, list: string): ZookeeperServer[] {
  if (list.trim() === "") throw invalid(address, "no ZooKeeper server is given");
  return list.split(",").map((s) => parseServer(address, s));
}

export function validateChroot(address: string, chroot: string): string | undefined {
  if (chroot === "" || chroot === "/") return undefined;
  if (!chroot.startsWith("/") || chroot.endsWith("/") || chroot.includes("//")) {
    throw invalid(address, `chroot ${JSON.stringify(chroot)} must look like /a/b`);
  }
  if (
    [...chroot].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) ||
    chroot.split("/").some((s) => s === "." || s === "..")
  ) {
    throw invalid(address, `chroot ${JSON.stringify(chroot)} has characters ZooKeeper rejects`);
  }
  return chroot;
}

export function toRoot(address: string, group: string | undefined): string {
  const g = (group ?? "dubbo").trim();
  const root = g.startsWith("/") ? g : `/${g}`;
  if (root !== "/" && validateChroot(address, root) === undefined) {
    throw invalid(address, `group ${JSON.stringify(group)} is not a valid root node name`);
  }
  return root;
}

function parseQuery(address: string, query: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) throw invalid(address, `parameter ${JSON.stringify(pair)} is not key=value`);
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " "));
    } catch {
      throw invalid(address, `parameter ${JSON.stringify(pair)} is not URL-encoded correctly`);
    }
    parameters[pair.slice(0, eq)] = value;
  }
  return parameters;
}

/**
 * Parses a registry address the way Dubbo users write it (docs/wire-format.md):
 * `zookeeper://h1:2181,h2:2182` (the comma list is split explicitly, which Java only does by
 * accident), `zookeeper://h1:2181?backup=h2:2182,h3:2183`, a plain connect string
 * `h1:2181,h2:2182[/chroot]`, credentials `zookeeper://user:pass@…` for digest auth, a chroot as the
 * URL path or `?chroot=`, and `?group=` for Dubbo's root (default `/dubbo`). A missing port means
 * 2181. Anything else — several registries joined by `|` or `;`, another scheme, an empty server, a
 * bad port, `@` or `\` tricks (CVE-2021-25640) — throws a TypeError listing the accepted forms.
 */
export function parseRegistryAddress(address: string): RegistryAddress {
  if (typeof address !== "string" || address.trim() === "") {
    throw invalid(String(address), "the address is empty");
  }
  const text = address.trim();
  if (/[|;]/.test(text)) {
    throw invalid(
      address,
      "several registries (joined by | or ;) need one createZookeeperRegistry each",
    );
  }
  if (/[\s\\]/.test(text)) throw invalid(address, "whitespace and backslashes are not allowed");

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (!scheme) {
    if (text.includes("?") || text.includes("@")) {
      throw invalid(address, "parameters and credentials need the zookeeper:// form");
    }
    const slash = text.indexOf("/");
    const list = slash >= 0 ? text.slice(0, slash) : text;
    const servers = parseServers(address, list);
    const first = servers[0]!;
    return {
      servers,
      chroot: slash >= 0 ? validateChroot(address, text.slice(slash)) : undefined,
      root: "/dubbo",
      username: undefined,
      password: undefined,
      parameters: {},
      javaAddress: `${first.host}:${first.port}`,
    };
  }
  if (scheme[1]!.toLowerCase() !== "zookeeper") {
    throw invalid(address, `scheme ${scheme[1]}:// is not zookeeper://`);
  }
  let rest = text.slice(scheme[0].length);
  let query = "";
  const q = rest.indexOf("?");
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (rest.includes("#")) throw invalid(address, "a fragment (#) is not allowed");
  let path = "";
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    path = rest.slice(slash);
    rest = rest.slice(0, slash);
  }
  let username: string | undefined;
  let password: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    if (rest.indexOf("@", at + 1) >= 0) throw invalid(address, "more than one @ in the address");
    const credentials = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = credentials.indexOf(":");
    if (colon <= 0 || colon === credentials.length - 1) {
      throw invalid(address, "credentials must be user:password@");
    }
    try {
      username = decodeURIComponent(credentials.slice(0, colon));
      password = decodeURIComponent(credentials.slice(colon + 1));
    } catch {
      throw invalid(address, "credentials are not URL-encoded correctly");
    }
  }
  const parameters = parseQuery(address, query);
  const authority = parseServers(address, rest);
  const backup = parameters.backup ? parseServers(address, parameters.backup) : [];
  const servers = [...authority, ...backup];
  const seen = new Set<string>();
  for (const s of servers) {
    const key = `${s.host}:${s.port}`;
    if (seen.has(key)) throw invalid(address, `server ${key} is listed twice`);
    seen.add(key);
  }
  let chroot: string | undefined;
  if (path !== "" && path !== "/" && !REGISTRY_SERVICE_PATHS.has(path.slice(1))) {
    chroot = validateChroot(address, path);
  }
  if (parameters.chroot !== undefined) {
    if (chroot !== undefined) throw invalid(address, "a chroot is given both as path and ?chroot=");
    chroot = validateChroot(address, parameters.chroot);
  }
  const first = authority[0]!;
  return {
    servers,
    chroot,
    root: toRoot(address, parameters.group),
    username,
    password,
    parameters,
    javaAddress:
      authority.length > 1
        ? authority.map((s) => `${s.host}:${s.port}`).join(",")
        : `${first.host}:${first.port}`,
  };
}

/** `h1:p1,h2:p2[/chroot]`, the connect string node-zookeeper-client takes. */
export function toConnectString(address: Pick<RegistryAddress, "servers" | "chroot">): string {
  return address.servers.map((s) => `${s.host}:${s.port}`).join(",") + (address.chroot ?? "");
}
