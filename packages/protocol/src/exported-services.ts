import { type Invoker, type ServiceDefinition, type ServiceUrl, serviceKey } from "@dubbo-ts/core";

/** One exported service as the server dispatches to it. */
export interface ExportedService {
  /** `[group/]path[:version]` (DubboProtocol.serviceKey without the port: one table per port). */
  readonly key: string;
  readonly path: string;
  /** Empty when unversioned (`""`, `"0.0.0"` and `"*"` are alike). */
  readonly version: string;
  readonly group: string;
  readonly url: ServiceUrl;
  readonly definition: ServiceDefinition;
  readonly invoker: Invoker;
}

/** GroupServiceKeyCache.createServiceKey: versions `""`, `"0.0.0"` and `"*"` mean "none". */
export function normalizeVersion(version: string | null | undefined): string {
  return !version || version === "0.0.0" || version === "*" ? "" : version;
}

/**
 * The exporters of one server port (Java's `exporterMap`), keyed by `[group/]path[:version]`.
 * `candidates` finds services by path and version only, because the group travels in the
 * attachments, which come after the arguments: the method is looked up before any argument is
 * decoded (CVE-2020-1948), then the exact key once the attachments are read.
 */
export class ExportedServices {
  private readonly byKey = new Map<string, ExportedService>();

  get size(): number {
    return this.byKey.size;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  add(url: ServiceUrl, definition: ServiceDefinition, invoker: Invoker): ExportedService {
    const path = url.path || definition.interface;
    const version = normalizeVersion(url.getParameter("version"));
    const group = url.getParameter("group") ?? "";
    const key = serviceKey(path, version, group);
    if (this.byKey.has(key))
      throw new RangeError(`service ${key} is already exported on port ${url.port}`);
    const service = { key, path, version, group, url, definition, invoker };
    this.byKey.set(key, service);
    return service;
  }

  remove(service: ExportedService): void {
    if (this.byKey.get(service.key) === service) this.byKey.delete(service.key);
  }

  /** Services with this path and version, any group. */
  candidates(path: string, version: string | null): ExportedService[] {
    const v = normalizeVersion(version);
    return [...this.byKey.values()].filter((s) => s.path === path && s.version === v);
  }

  get(
    path: string,
    version: string | null,
    group: string | undefined,
  ): ExportedService | undefined {
    return this.byKey.get(serviceKey(path, normalizeVersion(version), group ?? ""));
  }
}
