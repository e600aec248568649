import type { ApplicationOptions } from "@dubbo-ts/core";
import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from "@nestjs/common";
import type { ReferenceEntry } from "./reference-token.js";

/**
 * What `createApplication` takes, minus `components` (the module finds the Nest controllers and
 * providers that have `@Reference` fields itself). `services` may add providers that are not Nest
 * providers; every Nest provider decorated with `@Service` is exported anyway.
 */
export type DubboModuleOptions = Omit<ApplicationOptions, "components">;

/** The references that Nest injects (`@InjectReference(Contract)`); known when the module is declared. */
export interface DubboReferences {
  references?: readonly ReferenceEntry[] | undefined;
}

/** `DubboModule.forRootAsync`: options computed by a factory (e.g. from `ConfigService`). */
export interface DubboModuleAsyncOptions extends DubboReferences {
  /** Modules whose providers the factory injects (e.g. `ConfigModule`). */
  imports?: ModuleMetadata["imports"];
  /** What the factory receives, in order (e.g. `[ConfigService]`). */
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  // biome-ignore lint/suspicious/noExplicitAny: Nest's own factory signature (FactoryProvider).
  useFactory: (...args: any[]) => DubboModuleOptions | Promise<DubboModuleOptions>;
}

/** The injection token of the resolved DubboModuleOptions. */
export const DUBBO_MODULE_OPTIONS = Symbol.for("@dubbo-ts/nestjs:options");
