import { DUBBO_PROTOCOL_VERSION } from "../provider-url.js";
import { METADATA_SERVICE_VERSION } from "./metadata-service.js";

/**
 * One running instance of an application (Java's `ServiceInstance`), as it is registered under
 * `/services/<app>/<host:port>`: its address and the metadata that tells consumers where to get
 * its service list.
 */
export interface ServiceInstance {
  /** The application name. */
  readonly name: string;
  readonly host: string;
  /** The port of the first protocol (the instance id is `host:port`). */
  readonly port: number;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Metadata keys of `ServiceInstanceMetadataUtils`. */
export const REVISION_KEY = "dubbo.metadata.revision";
export const STORAGE_TYPE_KEY = "dubbo.metadata.storage-type";
export const ENDPOINTS_KEY = "dubbo.endpoints";
export const METADATA_SERVICE_URL_PARAMS_KEY = "dubbo.metadata-service.url-params";
export const META_VERSION_KEY = "meta-v";

/** Where consumers read an instance's MetadataInfo: its MetadataService, or the metadata report. */
export type MetadataType = "local" | "remote";

/** The options of `createServiceInstance`. */
export interface ServiceInstanceInit {
  app: string;
  host: string;
  port: number;
  protocol: string;
  revision: string;
  metadataType: MetadataType;
  /** The Dubbo release this process claims (`release` in the MetadataService URL params). */
  release: string;
  /** Every protocol's port (`dubbo.endpoints`); default the instance's own protocol and port. */
  endpoints?: readonly { port: number; protocol: string }[] | undefined;
  /**
   * Where consumers call the MetadataService (local metadata): its protocol, port and version
   * (`2.0.0` = MetadataServiceV2 over tri); default version 1.0.0 on the instance's protocol and port.
   */
  metadataService?: { protocol: string; port: number; version: string } | undefined;
}

/**
 * The instance a provider registers, with the metadata a Java 3.3 provider writes
 * (`ServiceInstanceMetadataUtils`, `MetadataServiceURLParamsMetadataCustomizer`): endpoints, the
 * MetadataService URL parameters (local metadata only), the revision, the storage type, `meta-v`
 * and the registration `timestamp`.
 */
export function createServiceInstance(init: ServiceInstanceInit): ServiceInstance {
  const metadata: Record<string, string> = {
    [ENDPOINTS_KEY]: JSON.stringify(
      (init.endpoints ?? [{ port: init.port, protocol: init.protocol }]).map((e) => ({
        port: e.port,
        protocol: e.protocol,
      })),
    ),
  };
  const service = init.metadataService ?? {
    protocol: init.protocol,
    port: init.port,
    version: METADATA_SERVICE_VERSION,
  };
  if (init.metadataType === "local") {
    metadata[METADATA_SERVICE_URL_PARAMS_KEY] = JSON.stringify({
      "prefer.serialization": "hessian2",
      version: service.version,
      dubbo: DUBBO_PROTOCOL_VERSION,
      release: init.release,
      side: "provider",
      port: String(service.port),
      protocol: service.protocol,
    });
  }
  metadata[REVISION_KEY] = init.revision;
  metadata[STORAGE_TYPE_KEY] = init.metadataType;
  metadata[META_VERSION_KEY] = service.version;
  metadata.timestamp = String(Date.now());
  return { name: init.app, host: init.host, port: init.port, metadata };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The port of `protocol` in the instance's `dubbo.endpoints`, or undefined when not listed. */
export function endpointPort(instance: ServiceInstance, protocol: string): number | undefined {
  const endpoints = parseJson(instance.metadata[ENDPOINTS_KEY]);
  if (Array.isArray(endpoints)) {
    for (const e of endpoints) {
      if (e && typeof e === "object" && e.protocol === protocol && Number(e.port) > 0) {
        return Number(e.port);
      }
    }
  }
  return undefined;
}

/** The parameters to call the instance's MetadataService with, or undefined (remote metadata). */
export function metadataServiceParams(
  instance: ServiceInstance,
): Record<string, string> | undefined {
  const params = parseJson(instance.metadata[METADATA_SERVICE_URL_PARAMS_KEY]);
  if (!params || typeof params !== "object") return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) out[k] = String(v);
  return out;
}

/** `remote` when the instance says its metadata is in the metadata report, else `local`. */
export function storageType(instance: ServiceInstance): MetadataType {
  return instance.metadata[STORAGE_TYPE_KEY] === "remote" ? "remote" : "local";
}
