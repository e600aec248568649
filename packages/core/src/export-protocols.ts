import { protocolConfigFor, protocolNamed } from "./protocol-set.js";
import type { ExportContext } from "./service-export.js";

/**
 * The protocol names a service's `protocol` option lists (`"tri"`, `"dubbo,tri"`, or an array,
 * as Java's `<dubbo:service protocol="dubbo,tri">`); the default protocol without one.
 */
export function protocolNames(option: unknown, defaultName: string): string[] {
  if (option === undefined || option === null || option === "") return [defaultName];
  const list = Array.isArray(option) ? option.map(String) : String(option).split(",");
  const names = [...new Set(list.map((n) => n.trim()).filter((n) => n !== ""))];
  return names.length > 0 ? names : [defaultName];
}

/**
 * One export context per protocol the service is exported over: that protocol's plugin and its
 * port/host/bind (`protocol`, or `protocols.<name>`). A name without a plugin is a TypeError.
 */
export function exportContexts(
  option: unknown,
  ctx: ExportContext,
  where: string,
): ExportContext[] {
  return protocolNames(option, ctx.config.protocol.name).map((name) => {
    const plugin = protocolNamed(ctx.protocol, name);
    if (!plugin) {
      throw new TypeError(
        `${where}: protocol "${name}" has no plugin: add it to plugins.protocol (e.g. { dubbo: createDubboProtocol, tri: createTripleProtocol })`,
      );
    }
    if (plugin === ctx.protocol && name === ctx.config.protocol.name) return ctx;
    return {
      ...ctx,
      protocol: plugin,
      config: { ...ctx.config, protocol: protocolConfigFor(ctx.config, name, plugin) },
    };
  });
}
