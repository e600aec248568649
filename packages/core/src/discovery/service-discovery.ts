import type { MetadataInfo } from "./metadata-info.js";
import type { ServiceInstance } from "./service-instance.js";

/** Stops a watch; idempotent. */
export type Unwatch = () => void;

/**
 * What application-level discovery needs from a registry (Java's `ServiceDiscovery`,
 * `ServiceNameMapping` and `MetadataReport`, which Dubbo backs with one ZooKeeper): the instances
 * of applications, the interface → application mapping, the metadata report and the migration
 * rule. A registry plugin that supports it exposes it as `Registry.serviceDiscovery`. Nothing here
 * does I/O before the registry's `start()`; watches deliver full lists and resolve after the first.
 */
export interface ServiceDiscovery {
  /** Registers (or replaces) this process's instance; retried in the background like `register`. */
  registerInstance(instance: ServiceInstance): Promise<void>;
  unregisterInstance(instance: ServiceInstance): Promise<void>;
  /** Adds `app` to the applications providing `interfaceName` (compare-and-set, never removes). */
  map(interfaceName: string, app: string): Promise<void>;
  /** Watches the applications providing `interfaceName`; resolves after the first list. */
  watchMapping(interfaceName: string, listener: (apps: string[]) => void): Promise<Unwatch>;
  /** Watches the instances of `app`; resolves after the first list. */
  watchInstances(app: string, listener: (instances: ServiceInstance[]) => void): Promise<Unwatch>;
  /** Stores the MetadataInfo in the metadata report (`metadata-type=remote`). */
  publishMetadata(info: MetadataInfo): Promise<void>;
  /**
   * Stores a service's definition JSON in the metadata report, where Java keeps it for tools
   * (`<root>/metadata/<interface>/<version>/[<group>/]<side>/<application>`).
   */
  publishServiceDefinition(
    key: {
      interface: string;
      version?: string | undefined;
      group?: string | undefined;
      side: "provider" | "consumer";
      application: string;
    },
    json: string,
  ): Promise<void>;
  /** Reads a MetadataInfo from the metadata report; undefined when it is not there. */
  getMetadata(app: string, revision: string): Promise<MetadataInfo | undefined>;
  /**
   * Watches the migration rule of `app` (the text of the config item
   * `DUBBO_SERVICEDISCOVERY_MIGRATION/<app>.migration`, undefined when there is none).
   */
  watchMigrationRule(app: string, listener: (rule: string | undefined) => void): Promise<Unwatch>;
}
