/**
 * @dubbo-ts/nestjs: Dubbo services and references in a NestJS application. `DubboModule.forRoot`
 * / `forRootAsync` create the Dubbo application, start it when Nest bootstraps and close it
 * gracefully when Nest shuts down; Nest providers decorated with `@Service` are exported;
 * `@InjectReference(Contract)` injects typed proxies through Nest's DI.
 */
export { DubboFeatureModule, DubboModule } from "./dubbo-module.js";
export { DubboRuntime } from "./dubbo-runtime.js";
export {
  DUBBO_MODULE_OPTIONS,
  type DubboModuleAsyncOptions,
  type DubboModuleOptions,
  type DubboReferences,
} from "./module-options.js";
export {
  type Contract,
  getReferenceToken,
  InjectReference,
  type ReferenceEntry,
} from "./reference-token.js";
