import { createHash } from "node:crypto";
import { defineJavaClass } from "../java-type.js";
import type { ServiceUrl } from "../service-url.js";

/**
 * One exported service as an application instance describes it (Java's
 * `MetadataInfo.ServiceInfo`): what a consumer needs to build the provider URL from the instance's
 * address, i.e. the provider URL's parameters without the per-process ones.
 */
export interface ServiceInfo {
  name: string;
  group?: string | undefined;
  version?: string | undefined;
  protocol: string;
  port: number;
  path: string;
  params: Record<string, string>;
}

/**
 * The service list of one application revision (Java's `org.apache.dubbo.metadata.MetadataInfo`):
 * served by each instance's MetadataService (`getMetadataInfo(revision)`) or stored in the metadata
 * report at `/dubbo/metadata/<app>/<revision>`. `services` is keyed by `matchKey`.
 */
export interface MetadataInfo {
  app: string;
  revision: string;
  services: Record<string, ServiceInfo>;
}

/** The Java class names, as they travel in hessian2. */
export const METADATA_INFO_CLASS = "org.apache.dubbo.metadata.MetadataInfo";
export const SERVICE_INFO_CLASS = "org.apache.dubbo.metadata.MetadataInfo$ServiceInfo";

/**
 * Provider URL keys left out of a ServiceInfo (`DefaultMetadataParamsFilter.excludedServiceParams`):
 * a key is left out when it equals one of these (ignoring case) or contains `.<key>`.
 */
export const EXCLUDED_SERVICE_PARAMS = [
  "monitor",
  "bind.ip",
  "bind.port",
  "qos.enable",
  "qos.host",
  "qos.port",
  "qos.accept.foreign.ip",
  "validation",
  "interfaces",
  "pid",
  "timestamp",
  "heartbeat.timeout",
  "ipv6",
] as const;

/** `URL.buildKey(path, group, version)`: `group/path:version`, empty parts left out. */
export function buildKey(path: string, group?: string, version?: string): string {
  let key = path;
  if (group) key = `${group}/${key}`;
  if (version) key = `${key}:${version}`;
  return key;
}

/** `ServiceInfo.getMatchKey()`: the service key plus `:<protocol>`. */
export function matchKey(info: ServiceInfo): string {
  const key = buildKey(info.name, info.group, info.version);
  return info.protocol ? `${key}:${info.protocol}` : key;
}

/** The ServiceInfo of a registered provider URL (`new ServiceInfo(url, filters)`). */
export function serviceInfoOf(url: ServiceUrl): ServiceInfo {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(url.parameters)) {
    const lower = key.toLowerCase();
    const excluded = EXCLUDED_SERVICE_PARAMS.some((x) => lower === x || key.includes(`.${x}`));
    if (!excluded) params[key] = value;
  }
  const group = url.getParameter("group");
  const version = url.getParameter("version");
  return {
    name: url.getParameter("interface") ?? url.path,
    ...(group ? { group } : {}),
    ...(version ? { version } : {}),
    protocol: url.protocol,
    port: url.port,
    path: url.path,
    params,
  };
}

/** Java's `TreeMap.toString()` of string pairs: `{a=1, b=2}`, keys in UTF-16 order. */
function treeMapString(map: Record<string, string>): string {
  const keys = Object.keys(map).sort();
  return `{${keys.map((k) => `${k}=${map[k]}`).join(", ")}}`;
}

/**
 * `MetadataInfo.calAndGetRevision()`: the lower-case hex MD5 (UTF-8) of the app name followed by
 * each service's `toDescString()` (`matchKey + port + path + TreeMap(params)`) in matchKey order.
 * Java consumers cache metadata by it, so the same services give the same revision in any process.
 */
export function computeRevision(app: string, services: Iterable<ServiceInfo>): string {
  const byKey = new Map<string, ServiceInfo>();
  for (const s of services) byKey.set(matchKey(s), s);
  let text = app;
  for (const key of [...byKey.keys()].sort()) {
    const s = byKey.get(key)!;
    text += `${key}${s.port}${s.path}${treeMapString(s.params)}`;
  }
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** Builds an application's MetadataInfo from the provider URLs it registers. */
export function createMetadataInfo(app: string, urls: readonly ServiceUrl[]): MetadataInfo {
  const services: Record<string, ServiceInfo> = {};
  for (const url of urls) {
    const info = serviceInfoOf(url);
    services[matchKey(info)] = info;
  }
  return { app, revision: computeRevision(app, Object.values(services)), services };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Reads a MetadataInfo as it arrives: decoded from hessian2 (a Java object) or parsed from the
 * metadata report's JSON. Throws a TypeError naming what is missing.
 */
export function toMetadataInfo(value: unknown, where: string): MetadataInfo {
  if (typeof value !== "object" || value === null) {
    throw new TypeError(`${where}: expected a MetadataInfo, got ${String(value)}`);
  }
  const raw = value as Record<string, unknown>;
  const app = text(raw.app);
  if (!app) throw new TypeError(`${where}: the MetadataInfo has no app`);
  const services: Record<string, ServiceInfo> = {};
  const rawServices = raw.services instanceof Map ? Object.fromEntries(raw.services) : raw.services;
  for (const s of Object.values((rawServices ?? {}) as Record<string, unknown>)) {
    if (typeof s !== "object" || s === null) continue;
    const r = s as Record<string, unknown>;
    const rawParams = r.params instanceof Map ? Object.fromEntries(r.params) : r.params;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries((rawParams ?? {}) as Record<string, unknown>)) {
      if (v !== null && v !== undefined) params[k] = String(v);
    }
    const name = text(r.name);
    if (!name) continue;
    const group = text(r.group);
    const version = text(r.version);
    const info: ServiceInfo = {
      name,
      ...(group ? { group } : {}),
      ...(version ? { version } : {}),
      protocol: text(r.protocol) ?? "dubbo",
      port: Number(r.port ?? -1),
      path: text(r.path) ?? name,
      params,
    };
    services[matchKey(info)] = info;
  }
  return { app, revision: text(raw.revision) ?? "", services };
}

/**
 * The JSON Java's metadata report stores at `/dubbo/metadata/<app>/<revision>`
 * (`{"app","revision","services":{matchKey:{name,group,version,protocol,port,path,params}}}`).
 */
export function metadataInfoJson(info: MetadataInfo): string {
  return JSON.stringify({ app: info.app, revision: info.revision, services: info.services });
}

let javaClassesDefined = false;

/**
 * Registers the hessian2 shapes of `MetadataInfo` and `ServiceInfo` (their non-transient fields
 * in declaration order). Called by whoever exports or calls the MetadataService; idempotent.
 */
export function defineMetadataJavaClasses(): void {
  if (javaClassesDefined) return;
  javaClassesDefined = true;
  defineJavaClass({
    name: SERVICE_INFO_CLASS,
    fields: {
      name: "java.lang.String",
      group: "java.lang.String",
      version: "java.lang.String",
      protocol: "java.lang.String",
      port: "int",
      path: "java.lang.String",
      params: "java.util.Map<java.lang.String,java.lang.String>",
    },
  });
  defineJavaClass({
    name: METADATA_INFO_CLASS,
    fields: {
      app: "java.lang.String",
      revision: "java.lang.String",
      services: `java.util.Map<java.lang.String,${SERVICE_INFO_CLASS}>`,
    },
  });
}
