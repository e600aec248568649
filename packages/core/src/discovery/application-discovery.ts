import type { ResolvedConfig } from "../config/config.js";
import { exportContexts } from "../export-protocols.js";
import type { Logger } from "../logger.js";
import type { Protocol } from "../protocol.js";
import { protocolNamed } from "../protocol-set.js";
import { DUBBO_RELEASE } from "../provider-url.js";
import type { Registry } from "../registry.js";
import type { ServiceDefinition } from "../service-definition.js";
import {
  type ExportContext,
  type ExportedService,
  exportService,
  planService,
} from "../service-export.js";
import type { ServiceUrl } from "../service-url.js";
import { createMetadataInfo, type MetadataInfo } from "./metadata-info.js";
import { createMetadataResolver, type MetadataResolver } from "./metadata-resolver.js";
import {
  createMetadataService,
  createMetadataServiceV2,
  METADATA_SERVICE_V2_DEFINITION,
  METADATA_SERVICE_V2_VERSION,
  METADATA_SERVICE_VERSION,
  MetadataService,
  metadataServiceDefinition,
} from "./metadata-service.js";
import {
  createMigrationDirectory,
  type MigrationDirectory,
  type MigrationStep,
  parseMigrationRule,
} from "./migration.js";
import { serviceDefinitionJson } from "./service-definition-json.js";
import type { ServiceDiscovery, Unwatch } from "./service-discovery.js";
import {
  createServiceDiscoveryDirectory,
  type SubscribedDirectory,
} from "./service-discovery-directory.js";
import { createServiceInstance, type ServiceInstance } from "./service-instance.js";

/**
 * The application-level discovery of one application on a registry that supports it: the
 * consumer half (migration step, rule watch, one metadata cache for all references) and the
 * provider half (MetadataService, instance, mapping, metadata report). Created after the
 * registry started; `close()` before the registry closes.
 */
export interface ApplicationDiscovery {
  /** The step references start with: the rule in the registry, else the configured one. */
  readonly step: MigrationStep;
  /** Reads (and watches) the migration rule. */
  start(): Promise<void>;
  /** The directory of one reference, following the migration step. */
  directory(init: {
    consumerUrl: ServiceUrl;
    definition: ServiceDefinition;
    interfaceLevel: () => SubscribedDirectory;
  }): MigrationDirectory;
  /**
   * Provider side (register-mode instance or all): exports the MetadataService (once), then
   * registers the instance and maps every listed interface to this application (and publishes the
   * MetadataInfo when metadata-type is remote). Called again after a delayed export, it updates the
   * revision in place. Returns the MetadataService exports this call made (V1, and V2 when the
   * application speaks tri), for shutdown.
   */
  publish(
    exported: readonly ExportedService[],
    context: ExportContext,
  ): Promise<readonly ExportedService[]>;
  /** The MetadataInfo this instance serves, once published. */
  readonly metadata: MetadataInfo | undefined;
  /** Unregisters the instance and stops every watch. */
  close(): Promise<void>;
}

export function createApplicationDiscovery(options: {
  registry: Registry & { readonly serviceDiscovery: ServiceDiscovery };
  protocol: Protocol | undefined;
  config: ResolvedConfig;
  host: string;
  logger: Logger;
}): ApplicationDiscovery {
  const { config, logger } = options;
  const discovery = options.registry.serviceDiscovery;
  const app = config.name;
  const configured = config.application.serviceDiscoveryMigration;
  let step: MigrationStep = configured;
  let unwatchRule: Unwatch | undefined;
  let resolver: MetadataResolver | undefined;
  let instance: ServiceInstance | undefined;
  let metadata: MetadataInfo | undefined;
  let metadataExport: ExportedService | undefined;
  let metadataV2Export: ExportedService | undefined;
  const directories = new Set<MigrationDirectory>();

  const applyRule = (text: string | undefined, initial: boolean) => {
    const rule = parseMigrationRule(text);
    if (text && !rule) {
      logger.warn({ rule: text }, "ignoring a migration rule without a valid step");
      return;
    }
    const target = rule?.step ?? configured;
    if (initial) {
      step = target;
      return;
    }
    if (target === step) return;
    logger.info({ from: step, to: target }, "migration rule changed");
    step = target;
    for (const d of directories) void d.migrate(target, rule?.force ?? false);
  };

  return {
    get step() {
      return step;
    },
    get metadata() {
      return metadata;
    },
    async start() {
      let initial = true;
      unwatchRule = await discovery.watchMigrationRule(app, (text) => applyRule(text, initial));
      initial = false;
    },
    directory(init) {
      const protocol = options.protocol!;
      resolver ??= createMetadataResolver({ protocol, discovery, logger });
      const metadataResolver = resolver;
      const directory = createMigrationDirectory({
        url: init.consumerUrl,
        step,
        interfaceLevel: init.interfaceLevel,
        applicationLevel: () =>
          createServiceDiscoveryDirectory({
            discovery,
            registry: options.registry,
            protocol,
            consumerUrl: init.consumerUrl,
            definition: init.definition,
            metadata: metadataResolver,
            logger,
          }),
        logger,
      });
      directories.add(directory);
      const destroy = directory.destroy;
      return Object.assign(directory, {
        destroy: async () => {
          directories.delete(directory);
          await destroy();
        },
      });
    },
    async publish(exported, context) {
      if (config.application.registerMode === "interface") return [];
      // Services taken offline (QoS) leave the MetadataInfo too; with none left, the instance goes.
      const listed = exported.filter((e) => e.listed && e.published);
      if (listed.length === 0) {
        if (instance) await discovery.unregisterInstance(instance);
        instance = undefined;
        return [];
      }
      metadata = createMetadataInfo(
        app,
        listed.map((e) => e.url),
      );
      const current = metadata;
      const metadataType = config.application.metadataType;
      const newExports: ExportedService[] = [];
      if (metadataType === "local" && !metadataExport) {
        metadataServiceDefinition(); // defines the hessian2 shapes of MetadataInfo
        // MetadataService: group = application, version 1.0.0, never registered itself.
        const plan = planService(
          {
            implementation: createMetadataService(() => metadata ?? current),
            contract: MetadataService,
            group: app,
            version: METADATA_SERVICE_VERSION,
            register: false,
          },
          exported.length,
          config,
        );
        metadataExport = await exportService(plan, context);
        newExports.push(metadataExport);
        // An application speaking tri also serves MetadataServiceV2 there and points consumers
        // at it, as Java 3.3 does (MetadataServiceVersionUtils.needExportV2: triple configured).
        const [tri] = protocolNamed(context.protocol, "tri")
          ? exportContexts("tri", context, "MetadataServiceV2")
          : [];
        if (tri) {
          const planV2 = planService(
            {
              implementation: createMetadataServiceV2(() => metadata ?? current),
              contract: METADATA_SERVICE_V2_DEFINITION,
              group: app,
              version: METADATA_SERVICE_V2_VERSION,
              register: false,
            },
            exported.length + 1,
            config,
          );
          metadataV2Export = await exportService(planV2, tri);
          newExports.push(metadataV2Export);
        }
      } else if (metadataType === "remote") {
        await discovery.publishMetadata(current);
      }
      const metadataUrl = (metadataV2Export ?? metadataExport)?.url;
      const port = (metadataExport ?? listed[0]!).url.port;
      instance = createServiceInstance({
        app,
        host: options.host,
        port,
        protocol: options.protocol?.name ?? "dubbo",
        ...(metadataUrl
          ? {
              metadataService: {
                protocol: metadataUrl.protocol,
                port: metadataUrl.port,
                version: metadataUrl.getParameter("version") ?? METADATA_SERVICE_VERSION,
              },
            }
          : {}),
        revision: current.revision,
        metadataType,
        release: DUBBO_RELEASE,
        // One endpoint per protocol the listed services are served on (dubbo, tri…).
        endpoints: [
          ...new Map(
            [metadataExport?.url, metadataV2Export?.url, ...listed.map((e) => e.url)]
              .filter((u): u is ServiceUrl => u !== undefined)
              .map((u) => [u.protocol, { port: u.port, protocol: u.protocol }] as const),
          ).values(),
        ],
      });
      await discovery.registerInstance(instance);
      const interfaces = new Set(listed.map((e) => e.url.getParameter("interface") ?? e.url.path));
      await Promise.all(
        [...interfaces].map((iface) =>
          discovery.map(iface, app).catch((err: unknown) => {
            logger.warn({ err, interface: iface }, "cannot write the interface-app mapping");
          }),
        ),
      );
      await Promise.all(
        listed.map((e) =>
          discovery
            .publishServiceDefinition(
              {
                interface: e.definition.interface,
                version: e.url.getParameter("version"),
                group: e.url.getParameter("group"),
                side: "provider",
                application: app,
              },
              serviceDefinitionJson(e.definition, e.url),
            )
            .catch((err: unknown) => {
              logger.warn(
                { err, service: e.url.serviceKey },
                "cannot store the service definition",
              );
            }),
        ),
      );
      logger.info(
        { instance: `${instance.host}:${instance.port}`, revision: current.revision },
        "registered the application instance",
      );
      return newExports;
    },
    async close() {
      unwatchRule?.();
      if (instance) {
        await discovery
          .unregisterInstance(instance)
          .catch((err: unknown) => logger.warn({ err }, "unregistering the instance failed"));
      }
    },
  };
}
