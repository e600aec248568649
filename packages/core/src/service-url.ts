/** ServiceUrl.getMethodParameter answers, by URL, method and key. */
const methodParameterCache = new WeakMap<
  ServiceUrl,
  Map<string, Map<string, string | undefined>>
>();

/**
 * Java Dubbo's `URL` (common/URL.java): `protocol://[user[:password]@]host[:port]/path?k=v&…`.
 * Immutable; `with*` methods return copies. `toFullString()` writes the parameters sorted by key
 * with raw (unencoded, trimmed) values, exactly as Java does, because registry node names must
 * match Java's byte for byte.
 */
export class ServiceUrl {
  readonly protocol: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly host: string;
  /** 0 when the URL has no port. */
  readonly port: number;
  /** Without the leading slash, usually the interface name. */
  readonly path: string;
  readonly parameters: Readonly<Record<string, string>>;

  constructor(init: {
    protocol: string;
    host: string;
    port?: number;
    path?: string;
    username?: string | undefined;
    password?: string | undefined;
    parameters?: Record<string, string | number | boolean | undefined>;
  }) {
    this.protocol = init.protocol;
    this.host = init.host;
    this.port = init.port ?? 0;
    this.path = (init.path ?? "").replace(/^\/+/, "");
    this.username = init.username;
    this.password = init.password;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(init.parameters ?? {})) {
      if (k !== "" && v !== undefined) params[k] = String(v).trim();
    }
    this.parameters = Object.freeze(params);
  }

  /**
   * Parses `protocol://…` (URL.valueOf). Accepts an already decoded string; use
   * `ServiceUrl.decode` first for a registry node name. As Java 2.7/3.x, a `default.<key>`
   * parameter (written by 2.5/2.6/Dubbox providers) also sets `<key>` unless the URL has it.
   */
  static parse(text: string): ServiceUrl {
    const s = text.trim();
    const schemeEnd = s.indexOf("://");
    if (schemeEnd <= 0)
      throw new TypeError(`not a URL (expected protocol://host[:port]/path?params): ${text}`);
    const protocol = s.slice(0, schemeEnd);
    let rest = s.slice(schemeEnd + 3);
    const parameters: Record<string, string> = {};
    const q = rest.indexOf("?");
    if (q >= 0) {
      for (const pair of rest.slice(q + 1).split(/[&;]/)) {
        if (!pair) continue;
        const eq = pair.indexOf("=");
        if (eq < 0) {
          parameters[pair] = pair;
          continue;
        }
        const key = pair.slice(0, eq);
        const value = pair.slice(eq + 1);
        parameters[key] = value;
        // URL.valueOf / URLStrParser (2.7, 3.x): "compatible with lower versions registering
        // 'default.' keys" — 2.5/2.6/Dubbox providers write <dubbo:provider> values as
        // default.timeout, default.version…; the bare key gets the value unless the URL has one.
        if (key.startsWith("default.") && key.length > 8) {
          const bare = key.slice(8);
          if (!Object.hasOwn(parameters, bare)) parameters[bare] = value;
        }
      }
      rest = rest.slice(0, q);
    }
    let path = "";
    const slash = rest.indexOf("/");
    if (slash >= 0) {
      path = rest.slice(slash + 1);
      rest = rest.slice(0, slash);
    }
    let username: string | undefined;
    let password: string | undefined;
    const at = rest.lastIndexOf("@");
    if (at >= 0) {
      const cred = rest.slice(0, at);
      rest = rest.slice(at + 1);
      const colon = cred.indexOf(":");
      username = colon >= 0 ? cred.slice(0, colon) : cred;
      password = colon >= 0 ? cred.slice(colon + 1) : undefined;
    }
    let host = rest;
    let port = 0;
    const colon = rest.lastIndexOf(":");
    if (colon >= 0 && !rest.endsWith("]")) {
      const p = Number(rest.slice(colon + 1));
      if (Number.isInteger(p) && p >= 0 && p <= 65535) {
        host = rest.slice(0, colon);
        port = p;
      }
    }
    return new ServiceUrl({ protocol, host, port, path, username, password, parameters });
  }

  /** `java.net.URLEncoder.encode(s, "UTF-8")`: space → `+`, `A-Za-z0-9.-*_` kept, the rest `%XX`. */
  static encode(text: string): string {
    return encodeURIComponent(text)
      .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, "+")
      .replace(/%2A/g, "*");
  }

  /** `java.net.URLDecoder.decode(s, "UTF-8")`: `+` → space, `%XX` decoded. */
  static decode(text: string): string {
    return decodeURIComponent(text.replace(/\+/g, " "));
  }

  /** `host:port` (or just `host` when there is no port). */
  get address(): string {
    return this.port ? `${this.host}:${this.port}` : this.host;
  }

  getParameter(key: string): string | undefined;
  getParameter(key: string, defaultValue: string): string;
  getParameter(key: string, defaultValue?: string): string | undefined {
    const v = this.parameters[key];
    return v === undefined || v === "" ? defaultValue : v;
  }

  /** A numeric parameter, or the default when absent or not a number. */
  getNumber(key: string, defaultValue: number): number {
    const v = this.parameters[key];
    if (v === undefined || v === "") return defaultValue;
    const n = Number(v);
    return Number.isFinite(n) ? n : defaultValue;
  }

  getBoolean(key: string, defaultValue: boolean): boolean {
    const v = this.parameters[key];
    return v === undefined || v === "" ? defaultValue : v === "true";
  }

  /**
   * A method-level parameter (`<method>.<key>`) falling back to the URL-level one. Memoized per
   * URL (the parameters are frozen): clusters and filters ask for the same few on every call.
   */
  getMethodParameter(method: string, key: string): string | undefined {
    let byMethod = methodParameterCache.get(this);
    if (!byMethod) {
      byMethod = new Map();
      methodParameterCache.set(this, byMethod);
    }
    let byKey = byMethod.get(method);
    if (!byKey) {
      // Method names come from contracts; the cap only guards against unbounded growth.
      if (byMethod.size >= 1024) byMethod.clear();
      byKey = new Map();
      byMethod.set(method, byKey);
    }
    let value = byKey.get(key);
    if (value === undefined && !byKey.has(key)) {
      value = this.getParameter(`${method}.${key}`) ?? this.getParameter(key);
      byKey.set(key, value);
    }
    return value;
  }

  withParameters(parameters: Record<string, string | number | boolean | undefined>): ServiceUrl {
    return new ServiceUrl({ ...this, parameters: { ...this.parameters, ...parameters } });
  }

  withoutParameters(...keys: string[]): ServiceUrl {
    const parameters = { ...this.parameters };
    for (const k of keys) delete parameters[k];
    return new ServiceUrl({ ...this, parameters });
  }

  with(init: Partial<{ protocol: string; host: string; port: number; path: string }>): ServiceUrl {
    return new ServiceUrl({ ...this, ...init, parameters: { ...this.parameters } });
  }

  /** `[group/]interface[:version]` (Java's `URL.getServiceKey`); version `0.0.0` and empty are omitted. */
  get serviceKey(): string {
    return serviceKey(
      this.getParameter("interface") ?? this.path,
      this.getParameter("version"),
      this.getParameter("group"),
    );
  }

  /** Java's `URL.toFullString()`: every parameter, sorted by key, values raw. */
  toFullString(): string {
    const cred = this.username
      ? `${this.username}${this.password ? `:${this.password}` : ""}@`
      : "";
    const keys = Object.keys(this.parameters).sort();
    const query = keys.map((k) => `${k}=${this.parameters[k]}`).join("&");
    return `${this.protocol}://${cred}${this.address}/${this.path}${query ? `?${query}` : ""}`;
  }

  toString(): string {
    return this.toFullString();
  }
}

/** `[group/]interface[:version]`, the key Java uses for exporters, caches and subscriptions. */
export function serviceKey(iface: string, version?: string, group?: string): string {
  let key = iface;
  if (group) key = `${group}/${key}`;
  if (version && version !== "0.0.0" && version !== "*") key = `${key}:${version}`;
  return key;
}
