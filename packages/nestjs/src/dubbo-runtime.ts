import {
  type Application,
  createApplication,
  type ReferenceOptions,
  type ServiceEntry,
} from "@dubbo-ts/core";
import {
  getReferenceFields,
  getServiceOptions,
  isServiceDefinition,
  resolveServiceDefinition,
  withBuiltinMethods,
} from "@dubbo-ts/core/spi";
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from "@nestjs/common";
import { DiscoveryService } from "@nestjs/core";
import { createLateReference, type LateReference } from "./late-reference.js";
import { DUBBO_MODULE_OPTIONS, type DubboModuleOptions } from "./module-options.js";
import type { Contract } from "./reference-token.js";

interface Wanted {
  contract: Contract;
  options: ReferenceOptions;
  late: LateReference<object>;
}

/**
 * Owns the Dubbo application of a Nest application and ties it to Nest's lifecycle:
 *
 * - `onApplicationBootstrap`: every Nest provider decorated with `@Service` (plus `services` from
 *   the options) is exported, every controller or provider with `@Reference` fields gets them
 *   filled, the references injected with `@InjectReference` are bound, and the application starts
 *   (registry, export, subscriptions). A start failure fails Nest's `init()`/`listen()`.
 * - `beforeApplicationShutdown`: graceful Dubbo shutdown (unregister, drain, close), within the
 *   application's `shutdown.timeout`. Call Nest's `app.enableShutdownHooks()` so that SIGTERM
 *   runs it.
 *
 * Inject it to reach the running `Application` (`runtime.application`).
 */
@Injectable()
export class DubboRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  #app: Application | undefined;
  readonly #wanted: Wanted[] = [];

  constructor(
    @Inject(DUBBO_MODULE_OPTIONS) private readonly options: DubboModuleOptions,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {}

  /** The Dubbo application, once Nest has bootstrapped (throws before). */
  get application(): Application {
    if (!this.#app) {
      throw new Error(
        "the Dubbo application is created when Nest bootstraps (app.init() or app.listen())",
      );
    }
    return this.#app;
  }

  /** The proxy Nest injects for one `references` entry (bound to the real one at bootstrap). */
  reference(contract: Contract, options: ReferenceOptions, label: string): object {
    const definition = isServiceDefinition(contract)
      ? contract
      : resolveServiceDefinition({ contract, interface: options.interface });
    const methods = new Set(withBuiltinMethods(definition).methods.map((m) => m.name));
    const late = createLateReference<object>(label, methods);
    this.#wanted.push({ contract, options, late });
    return late.proxy;
  }

  async onApplicationBootstrap(): Promise<void> {
    const services: ServiceEntry[] = [...(this.options.services ?? [])];
    const components: object[] = [];
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const instance: unknown = wrapper.instance;
      // Skips request-scoped providers, values without a class (our own reference stand-ins).
      if (
        typeof instance !== "object" ||
        instance === null ||
        typeof instance.constructor !== "function" ||
        !wrapper.isDependencyTreeStatic()
      ) {
        continue;
      }
      if (getServiceOptions(instance.constructor) && !services.includes(instance)) {
        services.push(instance);
      }
      if (getReferenceFields(instance).length > 0 && !components.includes(instance)) {
        components.push(instance);
      }
    }
    // Nest owns the lifecycle (enableShutdownHooks → beforeApplicationShutdown): core's own
    // SIGTERM/SIGINT hook is off unless the options ask for it.
    const app = createApplication({
      ...this.options,
      shutdown: { hook: false, ...this.options.shutdown },
      services,
      components,
    });
    for (const w of this.#wanted) {
      w.late.bind(app.reference(w.contract as never, w.options) as object);
    }
    this.#app = app;
    await app.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const w of this.#wanted) w.late.unbind("the Nest application is shutting down");
    await this.#app?.close();
  }
}
