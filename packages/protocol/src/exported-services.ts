import {
  type Invoker,
  type MethodDefinition,
  type ServiceDefinition,
  type ServiceUrl,
  serviceKey,
  toParameterDescriptor,
} from "@dubbo-ts/core/spi";

/** One entry of a port's exporter map (DubboProtocol.exporterMap): a service as the server dispatches to it. */
export interface ExporterEntry {
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
   * The contract's method with this name and JVM parameter descriptor (the first of duplicates),
   * from a table built once at export: no descriptor is rebuilt per request.
   */
  findMethod(name: string, descriptor: string): MethodDefinition | undefined;
}

/** GroupServiceKeyCache.createServiceKey: versions `""`, `"0.0.0"` and `"*"` mean "none". */
export function normalizeVersion(version: string | null | undefined): string {
  return !version || version === "0.0.0" || version === "*" ? "" : version;
}

const NONE: readonly ExporterEntry[] = [];

/**
 * The exporters of one server port (Java's `exporterMap`), keyed by `[group/]path[:version]`.
 * `candidates` finds services by path and version only, because the group travels in the
 * attachments, which come after the arguments: the method is looked up before any argument is
 * decoded (CVE-2020-1948), then the exact key once the attachments are read.
 */
export class ExportedServices {
  private readonly byKey = new Map<string, ExporterEntry>();
  /** path → normalized version → services of any group (kept in step with byKey). */
  private readonly byPathVersion = new Map<string, Map<string, ExporterEntry[]>>();

  get size(): number {
    return this.byKey.size;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  add(url: ServiceUrl, definition: ServiceDefinition, invoker: Invoker): ExporterEntry {
    const path = url.path || definition.interface;
    const version = normalizeVersion(url.getParameter("version"));
    const group = url.getParameter("group") ?? "";
    const key = serviceKey(path, version, group);
    if (this.byKey.has(key))
      throw new RangeError(`service ${key} is already exported on port ${url.port}`);
    // name → descriptor → method: two lookups with strings the decoder hands out cached.
    const methods = new Map<string, Map<string, MethodDefinition>>();
    for (const m of definition.methods) {
      let byDescriptor = methods.get(m.name);
      if (!byDescriptor) {
        byDescriptor = new Map();
        methods.set(m.name, byDescriptor);
      }
      const descriptor = toParameterDescriptor(m.parameterTypes);
      if (!byDescriptor.has(descriptor)) byDescriptor.set(descriptor, m);
    }
    const service: ExporterEntry = {
      key,
      path,
      version,
      group,
      url,
      definition,
      invoker,
      findMethod: (name, descriptor) => methods.get(name)?.get(descriptor),
    };
    this.byKey.set(key, service);
    let versions = this.byPathVersion.get(path);
    if (!versions) {
      versions = new Map();
      this.byPathVersion.set(path, versions);
    }
    versions.set(version, [...(versions.get(version) ?? []), service]);
    return service;
  }

  remove(service: ExporterEntry): void {
    if (this.byKey.get(service.key) !== service) return;
    this.byKey.delete(service.key);
    const versions = this.byPathVersion.get(service.path);
    if (!versions) return;
    const rest = (versions.get(service.version) ?? []).filter((s) => s !== service);
    if (rest.length > 0) versions.set(service.version, rest);
    else versions.delete(service.version);
    if (versions.size === 0) this.byPathVersion.delete(service.path);
  }

  /** Services with this path and version, any group, in export order (do not modify the array). */
  candidates(path: string, version: string | null): readonly ExporterEntry[] {
    return this.byPathVersion.get(path)?.get(normalizeVersion(version)) ?? NONE;
  }

  get(path: string, version: string | null, group: string | undefined): ExporterEntry | undefined {
    return this.byKey.get(serviceKey(path, normalizeVersion(version), group ?? ""));
  }
}
