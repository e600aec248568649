export { chain, type Filter, type Invoke } from "./filter.js";
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
