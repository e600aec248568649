import {
  type Application,
  type ApplicationOptions,
  createApplication,
  type ReferenceOptions,
  type ServiceDefinition,
} from "@dubbo-ts/core";
import { type Constructor, isServiceDefinition } from "@dubbo-ts/core/spi";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";

/** A contract: a `@JavaInterface` class or a plain `ServiceDefinition` object. */
export type Contract = Constructor | ServiceDefinition;

/** One reference to put on the instance: a contract alone, or with its options. */
export type ReferenceEntry = Contract | (ReferenceOptions & { contract: Contract });

/**
 * The plugin's options: those of `createApplication` (name, registry, protocol, consumer,
 * provider, shutdown, plugins, services, components, logger…) plus `references`, or an
 * `dubboApplication` created elsewhere (the plugin then only ties it to Fastify's lifecycle).
 */
export interface DubboPluginOptions extends Partial<ApplicationOptions> {
  /** Instance decorations: `{ brandService: { contract: BrandService, version: "1.0.0" } }`. */
  references?: Record<string, ReferenceEntry> | undefined;
  /** An application to use instead of creating one from the options. */
  dubboApplication?: Application | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The Dubbo application that `@dubbo-ts/fastify` started with this instance. */
    dubbo: Application;
  }
}

function optionsOf(entry: ReferenceEntry): { contract: Contract; options: ReferenceOptions } {
  if (typeof entry === "function" || isServiceDefinition(entry))
    return { contract: entry, options: {} };
  const { contract, ...options } = entry;
  return { contract, options };
}

async function dubboPlugin(fastify: FastifyInstance, options: DubboPluginOptions): Promise<void> {
  const { references, dubboApplication, ...appOptions } = options;
  if (!dubboApplication && typeof appOptions.name !== "string") {
    throw new TypeError(
      '@dubbo-ts/fastify: give the Dubbo application a name ({ name: "my-app", registry, plugins, … }) or pass one as dubboApplication',
    );
  }
  // Fastify owns the lifecycle: core's own SIGTERM/SIGINT hook is off unless asked for, so that the
  // application closes in onClose, after the HTTP server (whoever handles the signal closes Fastify).
  const app =
    dubboApplication ??
    createApplication({
      ...(appOptions as ApplicationOptions),
      shutdown: { hook: false, ...appOptions.shutdown },
    });
  fastify.decorate("dubbo", app);
  for (const [name, entry] of Object.entries(references ?? {})) {
    const { contract, options: referenceOptions } = optionsOf(entry);
    const proxy = app.reference(contract as never, referenceOptions);
    // The getter form: Fastify reads `getter`/`setter` on a decorated object, which a proxy answers.
    fastify.decorate(name, { getter: () => proxy });
  }
  // Fastify runs onClose once the server has stopped taking requests and the ones in flight are
  // answered: the Dubbo application closes after them (graceful: unregister, drain, close).
  fastify.addHook("onClose", async () => {
    await app.close();
  });
  if (app.state === "new") await app.start();
}

/**
 * `fastify.register(dubbo, { name, registry, plugins, references, … })`: creates the Dubbo
 * application (or takes `dubboApplication`), decorates the instance with it (`fastify.dubbo`) and with
 * one typed proxy per `references` key, starts it while Fastify boots (a failure fails
 * `ready()`/`listen()`), and closes it gracefully in Fastify's `onClose`. The decorations are
 * visible to the whole instance (not encapsulated). Type your reference decorations with
 * `declare module "fastify" { interface FastifyInstance { brandService: BrandService } }`.
 */
export const dubbo: FastifyPluginAsync<DubboPluginOptions> = fp(dubboPlugin, {
  fastify: "5.x",
  name: "@dubbo-ts/fastify",
});
