/**
 * `@dubbo-ts/core`: what applications use — the application, the contract and service
 * decorators (and their plain-function forms), references' options, the call context, errors
 * and filters. Protocol and registry plugins (and tools) build on `@dubbo-ts/core/spi`; test
 * doubles are in `@dubbo-ts/core/testing`.
 */
export {
  type Application,
  type ApplicationOptions,
  type ApplicationState,
  createApplication,
} from "./application.js";
export type {
  ApplicationConfig,
  ConsumerConfig,
  DubboConfig,
  ProtocolConfig,
  ProviderConfig,
  RegistryConfig,
  ResolvedConfig,
} from "./config/config.js";
export { loadConfig, resolveConfig } from "./config/resolve-config.js";
export { type ClientContext, RpcContext, type ServerContext } from "./context.js";
export {
  defineJavaInterface,
  defineJavaMethod,
  defineParam,
  JavaInterface,
  JavaMethod,
  type JavaMethodOptions,
  Param,
} from "./decorators/contract.js";
export {
  defineJavaClassFrom,
  defineJavaEnum,
  JavaClass,
  JavaField,
} from "./decorators/java-class.js";
export type {
  CommonOptions,
  MethodOptions,
  ReferenceOptions,
  ServiceOptions,
} from "./decorators/options.js";
export { defineReference, Reference } from "./decorators/reference.js";
export { defineMethodOptions, defineService, Method, Service } from "./decorators/service.js";
export type { ApplicationExtension } from "./extension.js";
export type { Filter, Invoke } from "./filter.js";
export type { GenericService } from "./generic.js";
export type { ApplicationHealth } from "./health.js";
export type { Invocation } from "./invocation.js";
export { defineJavaClass, type JavaClassDefinition } from "./java-type.js";
export { createDefaultLogger, type Logger, silentLogger } from "./logger.js";
export type { ProtocolPlugin, ProtocolPlugins, RegistryPlugin } from "./plugins.js";
export { providerWorkerSlot } from "./provider-workers.js";
export type { ServiceProxy } from "./proxy.js";
export type { Result } from "./result.js";
export { Code, RpcError } from "./rpc-error.js";
export type { MethodDefinition, ServiceDefinition } from "./service-definition.js";
export type { ServiceEntry, ServiceRegistration } from "./service-export.js";
export { ServiceUrl } from "./service-url.js";
