import { JavaInterface } from "../decorators/contract.js";
import { resolveServiceDefinition } from "../decorators/resolve-definition.js";
import type { ServiceDefinition } from "../service-definition.js";
import {
  defineMetadataJavaClasses,
  METADATA_INFO_CLASS,
  type MetadataInfo,
  toMetadataInfo,
} from "./metadata-info.js";

/** `MetadataService.class.getName()`. */
export const METADATA_SERVICE_INTERFACE = "org.apache.dubbo.metadata.MetadataService";
/** `MetadataService.VERSION`: every instance exports it with this version and group = its app. */
export const METADATA_SERVICE_VERSION = "1.0.0";

/**
 * The part of Java's `org.apache.dubbo.metadata.MetadataService` that Dubbo 3 consumers call
 * (`MetadataUtils.getRemoteMetadata` → `getMetadataInfo(revision)`), plus the two informational
 * getters. Each application instance exports it on its dubbo port, group = application name.
 */
@JavaInterface<MetadataService>(METADATA_SERVICE_INTERFACE, {
  serviceName: { params: [], returns: "java.lang.String" },
  version: { params: [], returns: "java.lang.String" },
  getMetadataInfo: { params: ["java.lang.String"], returns: METADATA_INFO_CLASS },
})
export abstract class MetadataService {
  /** The application name (`serviceName()`). */
  abstract serviceName(): Promise<string>;
  /** `MetadataService.VERSION`. */
  abstract version(): Promise<string>;
  /** The MetadataInfo of `revision`; null when this instance does not know that revision. */
  abstract getMetadataInfo(revision: string): Promise<MetadataInfo | null>;
}

let definition: ServiceDefinition | undefined;

/** The resolved contract of `MetadataService`, with the hessian2 shapes of MetadataInfo defined. */
export function metadataServiceDefinition(): ServiceDefinition {
  if (definition) return definition;
  defineMetadataJavaClasses();
  definition = resolveServiceDefinition({ target: MetadataService, where: "MetadataService" });
  return definition;
}

/** This instance's MetadataService: answers for its current revision only. */
export function createMetadataService(current: () => MetadataInfo): MetadataService {
  return {
    serviceName: async () => current().app,
    version: async () => METADATA_SERVICE_VERSION,
    getMetadataInfo: async (revision: string) => {
      const info = current();
      // Java's MetadataServiceDelegation also answers the current info for an empty revision.
      return !revision || revision === info.revision ? info : null;
    },
  };
}

/** `MetadataServiceV2`, Dubbo 3.3's protobuf MetadataService (metadata_service_v2.proto). */
export const METADATA_SERVICE_V2_INTERFACE = "org.apache.dubbo.metadata.MetadataServiceV2";
/** `MetadataServiceDelegationV2.VERSION`, also the instance's `meta-v` when V2 is served. */
export const METADATA_SERVICE_V2_VERSION = "2.0.0";

/**
 * The contract of `MetadataServiceV2` as the tri protocol plugin serves and calls it: one unary
 * rpc `GetMetadataInfo(MetadataRequest{revision}) → MetadataInfoV2{app, version, services}`, where
 * `version` carries the revision (Java's `MetadataServiceVersionUtils.toV2`). The protobuf
 * messages themselves belong to the tri plugin (it registers this interface as a `.proto`
 * service); core only hands it plain objects.
 */
export const METADATA_SERVICE_V2_DEFINITION: ServiceDefinition = {
  interface: METADATA_SERVICE_V2_INTERFACE,
  methods: [
    {
      name: "getMetadataInfo",
      parameterTypes: ["org.apache.dubbo.metadata.MetadataRequest"],
      returnType: "org.apache.dubbo.metadata.MetadataInfoV2",
    },
  ],
};

/** This instance's MetadataServiceV2: the current MetadataInfo for its revision (or an empty one). */
export function createMetadataServiceV2(current: () => MetadataInfo) {
  return {
    getMetadataInfo: async (request: { revision?: string } | undefined) => {
      const info = current();
      const revision = request?.revision ?? "";
      // As createMetadataService; Java answers an empty MetadataInfoV2 for an unknown revision.
      if (revision && revision !== info.revision) return { app: "", version: "", services: {} };
      return { app: info.app, version: info.revision, services: info.services };
    },
  };
}

/** A MetadataInfoV2 as the tri plugin decodes it, read as a MetadataInfo (`version` = revision). */
export function fromMetadataInfoV2(value: unknown, where: string): MetadataInfo {
  const raw = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  return toMetadataInfo({ ...raw, revision: raw.version }, where);
}
