import type { Logger } from "@dubbo-ts/core/spi";
import {
  parseRegistryAddress,
  type RegistryAddress,
  toConnectString,
  toRoot,
  validateChroot,
} from "./registry-address.js";
import { defaultCacheFile } from "./registry-cache.js";

/**
 * Options of `createZookeeperRegistry`. Every option also has a Dubbo address parameter
 * (in brackets); an explicit option wins over the parameter.
 */
export interface ZookeeperRegistryOptions {
  /**
   * `zookeeper://h1:2181,h2:2182,h3:2183`, `zookeeper://h1:2181?backup=h2:2182,h3:2183`, or a plain
   * connect string `h1:2181,h2:2182[/chroot]`. See `parseRegistryAddress`.
   */
  address: string;
  /** This application's name; names the default cache file. Required unless `cacheFile` is given. [`application`] */
  application?: string;
  logger?: Logger;
  /** Requested session timeout in ms; the server clamps it to 2–20 ticks. Default 60000 as Java. [`session`, `zk.session.expire`] */
  sessionTimeout?: number;
  /** How long `start()` waits for the first connection, in ms. Default 5000 (Dubbo 2.7). [`timeout`] */
  connectTimeout?: number;
  /** Digest credentials; nodes we create then carry ACL `auth` ALL (+ world READ). [`user:password@` in the address] */
  username?: string;
  password?: string;
  /** With credentials, whether everyone may still read (discover) our nodes. Default true. */
  worldReadable?: boolean;
  /** Dubbo's root group: `dubbo` → `/dubbo`. [`group`] */
  root?: string;
  /** ZooKeeper chroot, `/a/b`. [address path, `chroot`] */
  chroot?: string;
  /**
   * The provider-list cache file; `false` turns the cache off. Default Java's
   * `~/.dubbo/dubbo-registry-<application>-<address>.cache`. [`file`, `file-cache=false`]
   */
  cacheFile?: string | false;
  /** Keep the last provider list instead of pushing `empty://` for `providers`. Default false as Java. [`enable-empty-protection`] */
  emptyProtection?: boolean;
  /** Failed registry operations are retried this often, in ms. Default 5000 as Java. [`retry.period`] */
  retryPeriod?: number;
  /** Child changes are re-read this long after the first event, coalescing bursts, in ms. Default 100. */
  notifyDelay?: number;
  /** Reject `start()` when no connection is made within `connectTimeout` (Java's `check=true`). Default false. [`check`] */
  check?: boolean;
}

/** Options after defaults and address parameters are applied. */
export interface ResolvedOptions {
  address: RegistryAddress;
  connectString: string;
  root: string;
  digest: string | undefined;
  worldReadable: boolean;
  sessionTimeout: number;
  connectTimeout: number;
  cacheFile: string | undefined;
  emptyProtection: boolean;
  retryPeriod: number;
  notifyDelay: number;
  check: boolean;
}

function positiveInt(name: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined || value === "") return fallback;
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) {
    throw new TypeError(`${name} must be an integer ≥ ${min} (milliseconds), got ${String(value)}`);
  }
  return n;
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new TypeError(`${name} must be true or false, got ${String(value)}`);
}

/** Validates the options and applies defaults; throws TypeError on any configuration mistake. */
export function resolveOptions(options: ZookeeperRegistryOptions): ResolvedOptions {
  if (!options || typeof options !== "object") {
    throw new TypeError("createZookeeperRegistry needs options: { address, application, … }");
  }
  const parsed = parseRegistryAddress(options.address);
  const p = parsed.parameters;
  const chroot =
    options.chroot !== undefined ? validateChroot(options.address, options.chroot) : parsed.chroot;
  const root = options.root !== undefined ? toRoot(options.address, options.root) : parsed.root;
  const address: RegistryAddress = { ...parsed, chroot, root };
  const username = options.username ?? parsed.username;
  const password = options.password ?? parsed.password;
  if ((username === undefined) !== (password === undefined) || username === "") {
    throw new TypeError("digest auth needs both username and password (non-empty)");
  }
  if (username?.includes(":")) throw new TypeError("a digest username cannot contain ':'");
  const application = options.application ?? p.application;
  let cacheFile: string | undefined;
  const fileCacheOn = bool("file-cache", p["file-cache"], true);
  if (options.cacheFile === false || (options.cacheFile === undefined && !fileCacheOn)) {
    cacheFile = undefined;
  } else if (typeof options.cacheFile === "string" && options.cacheFile !== "") {
    cacheFile = options.cacheFile;
  } else if (options.cacheFile === undefined && p.file) {
    cacheFile = p.file;
  } else if (options.cacheFile === undefined && application) {
    cacheFile = defaultCacheFile(application, parsed.javaAddress);
  } else {
    throw new TypeError(
      "the registry cache file needs a name: pass `application` (default file ~/.dubbo/dubbo-registry-<application>-<address>.cache), `cacheFile: <path>`, or `cacheFile: false`",
    );
  }
  return {
    address,
    connectString: toConnectString(address),
    root,
    digest: username !== undefined ? `${username}:${password}` : undefined,
    worldReadable: options.worldReadable ?? true,
    sessionTimeout: positiveInt(
      "sessionTimeout",
      options.sessionTimeout ?? p.session ?? p["zk.session.expire"],
      60_000,
      100,
    ),
    connectTimeout: positiveInt("connectTimeout", options.connectTimeout ?? p.timeout, 5000),
    cacheFile,
    emptyProtection: bool(
      "emptyProtection",
      options.emptyProtection ?? p["enable-empty-protection"],
      false,
    ),
    retryPeriod: positiveInt("retryPeriod", options.retryPeriod ?? p["retry.period"], 5000, 10),
    notifyDelay: positiveInt("notifyDelay", options.notifyDelay, 100, 0),
    check: bool("check", options.check ?? p.check, false),
  };
}
