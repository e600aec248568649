export { toUrlsWithEmpty, toUrlsWithoutEmpty } from "./child-urls.js";
export { loadProperties, storeProperties } from "./java-properties.js";
export {
  DEFAULT_ZOOKEEPER_PORT,
  parseRegistryAddress,
  type RegistryAddress,
  toConnectString,
  type ZookeeperServer,
} from "./registry-address.js";
export { defaultCacheFile, RegistryCache } from "./registry-cache.js";
export type { ZookeeperRegistryOptions } from "./registry-options.js";
export { categoryPath, servicePath, urlPath } from "./zookeeper-paths.js";
export {
  createZookeeperRegistry,
  type ZookeeperRegistry,
  type ZookeeperRegistryStats,
} from "./zookeeper-registry.js";
