import { createInvocation } from "../invocation.js";
import type { Logger } from "../logger.js";
import type { Protocol } from "../protocol.js";
import { protocolNamed } from "../protocol-set.js";
import { ServiceUrl } from "../service-url.js";
import { type MetadataInfo, toMetadataInfo } from "./metadata-info.js";
import {
  fromMetadataInfoV2,
  METADATA_SERVICE_V2_DEFINITION,
  METADATA_SERVICE_V2_VERSION,
  METADATA_SERVICE_VERSION,
  metadataServiceDefinition,
} from "./metadata-service.js";
import type { ServiceDiscovery } from "./service-discovery.js";
import {
  metadataServiceParams,
  REVISION_KEY,
  type ServiceInstance,
  storageType,
} from "./service-instance.js";

/** How long one MetadataService call may take (Java's metadata reference uses 5000 ms too). */
const METADATA_TIMEOUT = 5000;

/**
 * Gets the MetadataInfo of an instance's revision, once per revision (Java's
 * `AbstractServiceDiscovery.getRemoteMetadata` + `MetaCacheManager`): from the metadata report when
 * the instance says `storage-type=remote`, else by calling `getMetadataInfo(revision)` on the
 * instance's own MetadataService (`MetadataUtils.referMetadataService`). A failure is not cached:
 * the next instance of that revision, or the next change, tries again.
 */
export interface MetadataResolver {
  resolve(instance: ServiceInstance): Promise<MetadataInfo>;
}

export function createMetadataResolver(options: {
  protocol: Protocol;
  discovery: ServiceDiscovery;
  logger: Logger;
}): MetadataResolver {
  const { protocol, discovery, logger } = options;
  const cache = new Map<string, Promise<MetadataInfo>>();

  const fromInstance = async (instance: ServiceInstance, revision: string) => {
    const params = metadataServiceParams(instance);
    const name = params?.protocol ?? "dubbo";
    const where = `MetadataService of ${instance.host}:${instance.port}`;
    const plugin = protocolNamed(protocol, name);
    if (!plugin) {
      throw new Error(
        `the ${where} is served over ${name}://: add that protocol's plugin to plugins.protocol to read it`,
      );
    }
    // Java's MetadataUtils.referMetadataService: MetadataServiceV2 (protobuf over tri) when the
    // instance offers version 2.0.0, else MetadataService (1.0.0) over the advertised protocol.
    const v2 = name === "tri" && params?.version === METADATA_SERVICE_V2_VERSION;
    const definition = v2 ? METADATA_SERVICE_V2_DEFINITION : metadataServiceDefinition();
    const url = new ServiceUrl({
      protocol: name,
      host: instance.host,
      port: Number(params?.port ?? instance.port),
      path: definition.interface,
      parameters: {
        ...params,
        interface: definition.interface,
        group: instance.name,
        version: v2 ? METADATA_SERVICE_V2_VERSION : (params?.version ?? METADATA_SERVICE_VERSION),
        side: "consumer",
        timeout: METADATA_TIMEOUT,
      },
    });
    const method = definition.methods.find((m) => m.name === "getMetadataInfo")!;
    const invoker = plugin.refer(url, definition);
    try {
      const result = await invoker.invoke(
        createInvocation({
          serviceName: definition.interface,
          version: url.getParameter("version"),
          group: instance.name,
          methodName: method.name,
          parameterTypes: method.parameterTypes,
          returnType: method.returnType,
          args: [v2 ? { revision } : revision],
          attachments: { timeout: String(METADATA_TIMEOUT) },
        }),
      );
      if (result.exception) throw result.exception;
      return v2 ? fromMetadataInfoV2(result.value, where) : toMetadataInfo(result.value, where);
    } finally {
      await invoker.destroy().catch(() => {});
    }
  };

  return {
    resolve(instance) {
      const revision = instance.metadata[REVISION_KEY] ?? "";
      const key = `${instance.name}@${revision}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = (async () => {
          if (storageType(instance) === "remote") {
            const info = await discovery.getMetadata(instance.name, revision);
            if (!info) {
              throw new Error(`no metadata of ${instance.name} revision ${revision} in the report`);
            }
            return info;
          }
          return fromInstance(instance, revision);
        })();
        cache.set(key, pending);
        pending.then(
          (info) =>
            logger.debug(
              { app: instance.name, revision, services: Object.keys(info.services).length },
              "metadata fetched",
            ),
          () => cache.delete(key),
        );
      }
      return pending;
    },
  };
}
