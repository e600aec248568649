/**
 * `@dubbo-ts/core/spi`: what protocol and registry plugins (and tools) build on — the Dubbo
 * contracts (`Invoker`, `Protocol`, `Registry`, `Directory`), `ServiceUrl` and Java's URL matching,
 * the Java type functions the codecs need, the in-flight counter and the provider/consumer URL
 * builders. Applications import `@dubbo-ts/core`.
 */
export { type CallPlan, createCallPlanner, DEFAULT_TIMEOUT } from "./call-plan.js";
export type { Constructor } from "./decorators/metadata.js";
export { createStaticDirectory, type Directory } from "./directory.js";
export { chain, type Filter, type Invoke } from "./filter.js";
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
} from "./generic.js";
export { createInFlight, type InFlight } from "./in-flight.js";
export { createInvocation, type Invocation } from "./invocation.js";
export type { Invoker } from "./invoker.js";
export {
  defineJavaClass,
  getJavaClass,
  getJavaClassOf,
  isPrimitive,
  type JavaClassDefinition,
  type JavaType,
  parseJavaType,
  toDescriptor,
  toParameterDescriptor,
} from "./java-type.js";
export { type Logger, silentLogger } from "./logger.js";
export type {
  ProtocolPlugin,
  ProtocolPluginOptions,
  RegistryPlugin,
  RegistryPluginOptions,
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
export type { NotifyListener, Registry } from "./registry.js";
export { type Result, recreate } from "./result.js";
export { Code, RpcError } from "./rpc-error.js";
export { findMethod, type MethodDefinition, type ServiceDefinition } from "./service-definition.js";
export { ServiceUrl, serviceKey } from "./service-url.js";
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
