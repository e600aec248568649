/**
 * @dubbo-ts/fastify: a Fastify plugin that runs a dubbo-ts application with the Fastify instance
 * (start while booting, graceful close in `onClose`) and decorates the instance with it and with
 * typed reference proxies.
 */
export {
  type Contract,
  type DubboPluginOptions,
  dubbo,
  type ReferenceEntry,
} from "./dubbo-plugin.js";
