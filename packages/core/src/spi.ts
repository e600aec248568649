/**
 * `@dubbo-ts/core/spi`: what protocol and registry plugins, tools and tests build on — the Dubbo
 * contracts (`Invoker`, `Protocol`, `Registry`, `Directory`, `Cluster`, `LoadBalance`), `ServiceUrl`
 * and Java's URL matching, the Java type functions codecs need, the per-call plan, the in-flight
 * counter, the built-in filters and the pieces an application is assembled from, besides
 * everything `@dubbo-ts/core` exports. Applications import `@dubbo-ts/core`; names only here may
 * change between minor versions.
 */

export type { RegistrationLevel } from "./application-operations.js";
export { type CallPlan, createCallPlanner, DEFAULT_TIMEOUT } from "./call-plan.js";
export { createAvailableCluster } from "./cluster/available.js";
export { createBroadcastCluster } from "./cluster/broadcast.js";
export {
  type ClusterCall,
  createClusterInvoker,
  selectInvoker,
} from "./cluster/cluster-invoker.js";
export { clusterNames, getClusterFactory, registerCluster } from "./cluster/extensions.js";
export { createFailbackCluster, type FailbackOptions } from "./cluster/failback.js";
export { createFailfastCluster } from "./cluster/failfast.js";
export { createFailoverCluster, DEFAULT_RETRIES } from "./cluster/failover.js";
export { createFailsafeCluster } from "./cluster/failsafe.js";
export { createForkingCluster, DEFAULT_FORKS } from "./cluster/forking.js";
export {
  type Cluster,
  type ClusterFactory,
  type ClusterOptions,
  DEFAULT_CLUSTER,
} from "./cluster.js";
export type { ShutdownConfig } from "./config/config.js";
export { ENVIRONMENT } from "./config/resolve-config.js";
export { applyConfigurator, applyConfigurators, toConfigurators } from "./configurator.js";
export { RESERVED_ATTACHMENTS } from "./context.js";
export type { Constructor } from "./decorators/metadata.js";
export { getReferenceFields, type ReferenceField } from "./decorators/reference.js";
export {
  type DefinitionSource,
  isServiceDefinition,
  resolveServiceDefinition,
} from "./decorators/resolve-definition.js";
export { getServiceOptions } from "./decorators/service.js";
export { createStaticDirectory, type Directory } from "./directory.js";
export {
  computeRevision,
  createMetadataInfo,
  type MetadataInfo,
  metadataInfoJson,
  type ServiceInfo,
  toMetadataInfo,
} from "./discovery/metadata-info.js";
export { createMetadataResolver, type MetadataResolver } from "./discovery/metadata-resolver.js";
export { MIGRATION_RULE_GROUP } from "./discovery/migration.js";
export type { ServiceDiscovery, Unwatch } from "./discovery/service-discovery.js";
export { REVISION_KEY, type ServiceInstance } from "./discovery/service-instance.js";
export type { ExtensionContext, ExtensionFilters } from "./extension.js";
export {
  type ClosableFilter,
  createAccessLogFilter,
  formatAccessLog,
} from "./filter/access-log.js";
export { createActiveLimitFilter } from "./filter/active-limit.js";
export { consumerContextFilter, providerContextFilter } from "./filter/context.js";
export { echoFilter } from "./filter/echo.js";
export { createExecuteLimitFilter } from "./filter/execute-limit.js";
export { createGenericFilter } from "./filter/generic.js";
export { createTokenFilter } from "./filter/token.js";
export { chain } from "./filter.js";
export {
  BUILTIN_METHODS,
  createGenericInvocation,
  ECHO_METHOD,
  ECHO_PARAMETER_TYPES,
  GENERIC_INVOKE,
  GENERIC_INVOKE_ASYNC,
  GENERIC_PARAMETER_TYPES,
  GenericResult,
  generalize,
  isEchoCall,
  isGenericCall,
  isSupportedGenericMode,
  realize,
  withBuiltinMethods,
} from "./generic.js";
export type { ReferenceHealth, ServiceHealth } from "./health.js";
export { createInFlight, type InFlight } from "./in-flight.js";
export * from "./index.js";
export { createInvocation } from "./invocation.js";
export type { Invoker } from "./invoker.js";
export {
  getJavaClass,
  getJavaClassOf,
  isPrimitive,
  type JavaType,
  javaClassGeneration,
  parseJavaType,
  toDescriptor,
  toParameterDescriptor,
} from "./java-type.js";
export { createConsistentHashLoadBalance } from "./load-balance/consistent-hash.js";
export {
  getLoadBalanceFactory,
  loadBalanceNames,
  registerLoadBalance,
} from "./load-balance/extensions.js";
export { createLeastActiveLoadBalance } from "./load-balance/least-active.js";
export { createRandomLoadBalance } from "./load-balance/random.js";
export { createRoundRobinLoadBalance } from "./load-balance/round-robin.js";
export { createShortestResponseLoadBalance } from "./load-balance/shortest-response.js";
export {
  type BalancerOptions,
  DEFAULT_WARMUP,
  DEFAULT_WEIGHT,
  getWeight,
} from "./load-balance/weight.js";
export { DEFAULT_LOAD_BALANCE, type LoadBalance, type LoadBalanceFactory } from "./load-balance.js";
export type { DefaultLoggerOptions } from "./logger.js";
export { silentLogger } from "./logger.js";
export {
  createPlugins,
  type ProtocolPluginOptions,
  type RegistryPluginOptions,
} from "./plugins.js";
export type { Exporter, Protocol } from "./protocol.js";
export {
  buildConsumerUrl,
  buildProviderUrl,
  type ConsumerUrlInit,
  DUBBO_PROTOCOL_VERSION,
  DUBBO_RELEASE,
  type ProviderUrlInit,
} from "./provider-url.js";
export { createProxy, type ProxyOptions } from "./proxy.js";
export { callTimeout, createReferredInvoker } from "./referred-invoker.js";
export type { NotifyListener, Registry, RegistryStatus } from "./registry.js";
export {
  createRegistryDirectory,
  type RegistryDirectory,
  type RegistryDirectoryOptions,
} from "./registry-directory.js";
export { recreate } from "./result.js";
export { beginCount, endCount, getStatus, RpcStatus } from "./rpc-status.js";
export { type ScanOptions, scanServices } from "./scan.js";
export { findMethod } from "./service-definition.js";
export {
  createServiceInvoker,
  type ServiceInvoker,
  type ServiceInvokerOptions,
  toBusinessError,
} from "./service-invoker.js";
export { serviceKey } from "./service-url.js";
export {
  categoriesOf,
  categoryOf,
  DEFAULT_CATEGORY,
  emptyUrl,
  isEmptyUrl,
  isMatch,
  isMatchCategory,
  serviceInterface,
} from "./url-match.js";
export { mergeUrl } from "./url-merge.js";
