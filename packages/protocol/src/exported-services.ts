import {
  type Invoker,
  type MethodDefinition,
  type ServiceDefinition,
  type ServiceUrl,
  serviceKey,
  toParameterDescriptor,
} from "@dubbo-ts/core";

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
  /**
   * The contract's methods by `name(descriptor)` (see `methodKey`), built once at export so a
   * request finds its method without rebuilding every descriptor. The first of duplicates wins.
   */
  readonly methods: ReadonlyMap<string, MethodDefinition>;
}

/** The key of `ExportedService.methods`: method name and JVM parameter descriptor. */
export function methodKey(name: string, descriptor: string): string {
  return `${name}(${descriptor})`;
}

/** GroupServiceKeyCache.createServiceKey: versions `""`, `"0.0.0"` and `"*"` mean "none". */
export function normalizeVersion(version: string | null | undefined): string {
  return !version || version === "0.0.0" || version === "*" ? "" : version;
}

const NONE: readonly ExportedService[] = [];

/**
 * The exporters of one server port (Java's `exporterMap`), keyed by `[group/]path[:version]`.
 * `candidates` finds services by path and version only, because the group travels in the
 * attachments, which come after the arguments: the method is looked up before any argument is
 * decoded (CVE-2020-1948), then the exact key once the attachments are read.
 */
export class ExportedServices {
  private readonly byKey = new Map<string, ExportedService>();
  /** `path` + NUL + normalized version → services of any group (kept in step with byKey). */
  private readonly byPathVersion = new Map<string, ExportedService[]>();

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
    const methods = new Map<string, MethodDefinition>();
    for (const m of definition.methods) {
      const k = methodKey(m.name, toParameterDescriptor(m.parameterTypes));
      if (!methods.has(k)) methods.set(k, m);
    }
    const service = { key, path, version, group, url, definition, invoker, methods };
    this.byKey.set(key, service);
    const pv = `${path}\0${version}`;
    this.byPathVersion.set(pv, [...(this.byPathVersion.get(pv) ?? []), service]);
    return service;
  }

  remove(service: ExportedService): void {
    if (this.byKey.get(service.key) !== service) return;
    this.byKey.delete(service.key);
    const pv = `${service.path}\0${service.version}`;
    const rest = (this.byPathVersion.get(pv) ?? []).filter((s) => s !== service);
    if (rest.length > 0) this.byPathVersion.set(pv, rest);
    else this.byPathVersion.delete(pv);
  }

  /** Services with this path and version, any group, in export order (do not modify the array). */
  candidates(path: string, version: string | null): readonly ExportedService[] {
    return this.byPathVersion.get(`${path}\0${normalizeVersion(version)}`) ?? NONE;
  }

  get(
    path: string,
    version: string | null,
    group: string | undefined,
  ): ExportedService | undefined {
    return this.byKey.get(serviceKey(path, normalizeVersion(version), group ?? ""));
  }
}
