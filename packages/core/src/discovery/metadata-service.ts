import { JavaInterface } from "../decorators/contract.js";
import { resolveServiceDefinition } from "../decorators/resolve-definition.js";
import type { ServiceDefinition } from "../service-definition.js";
import {
  defineMetadataJavaClasses,
  METADATA_INFO_CLASS,
  type MetadataInfo,
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
