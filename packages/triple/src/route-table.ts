import type { IncomingHttpHeaders } from "node:http2";
import type { StreamHandler } from "./server.js";

/** Dubbo's key of a service: `group/service:version`, each part only when set. */
function keyOf(service: string, group: string | undefined, version: string | undefined): string {
  return `${group ? `${group}/` : ""}${service}${version ? `:${version}` : ""}`;
}

interface Entry {
  readonly service: string;
  readonly handlers: ReadonlyMap<string, StreamHandler>;
}

/**
 * The services one port serves, by `group/service:version`. A request names them by path and by
 * `tri-service-group` / `tri-service-version` headers; a request without them (a plain gRPC
 * client) reaches the one service of that name when there is only one, as Java 3.3's triple
 * server does for `MetadataServiceV2` (seen with a plain grpc-js client).
 */
export class RouteTable {
  private readonly byKey = new Map<string, Entry>();

  /** Adds a service; returns its removal. A second service with the same key is a TypeError. */
  add(
    service: string,
    group: string | undefined,
    version: string | undefined,
    handlers: ReadonlyMap<string, StreamHandler>,
  ): () => void {
    const key = keyOf(service, group, version);
    if (this.byKey.has(key)) throw new TypeError(`service ${key} is already exported on this port`);
    const entry = { service, handlers };
    this.byKey.set(key, entry);
    return () => {
      if (this.byKey.get(key) === entry) this.byKey.delete(key);
    };
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The router for `startTripleServer`. */
  route = (
    service: string,
    method: string,
    headers: IncomingHttpHeaders,
  ): StreamHandler | undefined => {
    const group = header(headers, "tri-service-group");
    const version = header(headers, "tri-service-version");
    let entry = this.byKey.get(keyOf(service, group, version));
    if (!entry && !group && !version) {
      let only: Entry | undefined;
      for (const e of this.byKey.values()) {
        if (e.service !== service) continue;
        if (only) return undefined;
        only = e;
      }
      entry = only;
    }
    return entry?.handlers.get(method);
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === "" ? undefined : s;
}
