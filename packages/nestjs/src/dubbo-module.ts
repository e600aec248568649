import { type DynamicModule, Module, type Provider } from "@nestjs/common";
import { DiscoveryModule } from "@nestjs/core";
import { DubboRuntime } from "./dubbo-runtime.js";
import {
  DUBBO_MODULE_OPTIONS,
  type DubboModuleAsyncOptions,
  type DubboModuleOptions,
  type DubboReferences,
} from "./module-options.js";
import { normalizeEntry, type ReferenceEntry } from "./reference-token.js";

/**
 * The Dubbo application of a Nest application, as a global module:
 *
 * ```ts
 * @Module({
 *   imports: [
 *     DubboModule.forRoot({
 *       name: "jd-sellergoods-web",
 *       registry: { address: "zookeeper://127.0.0.1:2181" },
 *       plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
 *       references: [{ contract: BrandService, version: "1.0.0" }],
 *     }),
 *   ],
 *   controllers: [BrandController], // constructor(@InjectReference(BrandService) brands: BrandService)
 * })
 * export class AppModule {}
 * ```
 *
 * Nest providers decorated with `@Service` are exported; see DubboRuntime for the lifecycle.
 * Import it once, in the root module: it is global, and one process holds one Dubbo application.
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: a Nest dynamic module is a class with static factories.
export class DubboModule {
  /** The module with options known up front. `references` lists what `@InjectReference` injects. */
  static forRoot(options: DubboModuleOptions & DubboReferences): DynamicModule {
    const { references, ...rest } = options;
    return buildModule([{ provide: DUBBO_MODULE_OPTIONS, useValue: rest }], references, []);
  }

  /**
   * The module with options from a factory, e.g. from `@nestjs/config`:
   * `forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config) => ({ … }), references })`.
   */
  static forRootAsync(options: DubboModuleAsyncOptions): DynamicModule {
    const provider: Provider = {
      provide: DUBBO_MODULE_OPTIONS,
      useFactory: options.useFactory,
      inject: options.inject ?? [],
    };
    return buildModule([provider], options.references, options.imports ?? []);
  }

  /**
   * References declared by a feature module, injected there with `@InjectReference` like the
   * root's: `@Module({ imports: [DubboModule.forFeature([{ contract: BrandService, version:
   * "1.0.0" }])], controllers: [BrandController] })`. Needs `forRoot`/`forRootAsync` imported once
   * in the root module (it owns the one Dubbo application these references belong to). Each
   * feature module gets its own reference (Java: one `ReferenceConfig` per declaration).
   */
  static forFeature(references: readonly ReferenceEntry[]): DynamicModule {
    const providers = referenceProviders(references, "DubboModule.forFeature");
    return {
      module: DubboFeatureModule,
      providers,
      exports: providers.map((p) => p.provide),
    };
  }
}

/** The module class of `DubboModule.forFeature` (one dynamic module per call). */
@Module({})
export class DubboFeatureModule {}

/** One Nest provider per reference entry, each a late-bound proxy from the global DubboRuntime. */
function referenceProviders(
  references: readonly ReferenceEntry[] | undefined,
  where: string,
): (Provider & { provide: string })[] {
  const providers: (Provider & { provide: string })[] = [];
  for (const entry of references ?? []) {
    const { token, contract, options } = normalizeEntry(entry);
    if (providers.some((p) => p.provide === token)) {
      throw new TypeError(
        `${where} references: ${token} is listed twice; give one of them a name ({ contract, name: "v2" }) and inject it with @InjectReference(Contract, "v2")`,
      );
    }
    providers.push({
      provide: token,
      useFactory: (runtime: DubboRuntime) => runtime.reference(contract, options, token),
      inject: [DubboRuntime],
    });
  }
  return providers;
}

/** The global module: the options provider(s), the runtime and one provider per reference. */
function buildModule(
  optionProviders: Provider[],
  references: readonly ReferenceEntry[] | undefined,
  imports: NonNullable<DubboModuleAsyncOptions["imports"]>,
): DynamicModule {
  const ownReferences = referenceProviders(references, "DubboModule");
  return {
    module: DubboModule,
    global: true,
    imports: [DiscoveryModule, ...imports],
    providers: [...optionProviders, DubboRuntime, ...ownReferences],
    exports: [DubboRuntime, ...ownReferences.map((p) => p.provide)],
  };
}
