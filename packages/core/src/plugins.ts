import type { ResolvedConfig } from "./config/config.js";
import type { Logger } from "./logger.js";
import type { Protocol } from "./protocol.js";
import { createProtocolSet } from "./protocol-set.js";
import type { Registry } from "./registry.js";

/** What the registry plugin's factory receives: the registry config plus these. */
export interface RegistryPluginOptions {
  address: string;
  /** The application name (names the registry cache file, is written in URLs). */
  application: string;
  logger: Logger;
  [option: string]: unknown;
}

/** What the protocol plugin's factory receives: the protocol config's extra keys plus these. */
export interface ProtocolPluginOptions {
  logger: Logger;
  /** The address to listen on: `protocol.bind`, else `protocol.host`, else `0.0.0.0`. */
  host?: string | undefined;
  [option: string]: unknown;
}

/** `createZookeeperRegistry` fits here; an already created Registry is accepted too. */
export type RegistryPlugin = ((options: RegistryPluginOptions) => Registry) | Registry;
/** `createDubboProtocol` fits here; an already created Protocol is accepted too. */
export type ProtocolPlugin = ((options: ProtocolPluginOptions) => Protocol) | Protocol;
/**
 * One protocol plugin, several (`[createDubboProtocol, createTripleProtocol]`: each factory gets
 * the default `protocol` options), or several by name (`{ dubbo: createDubboProtocol, tri:
 * createTripleProtocol }`: each factory gets its own `protocol`/`protocols.<name>` options).
 */
export type ProtocolPlugins =
  | ProtocolPlugin
  | readonly ProtocolPlugin[]
  | Readonly<Record<string, ProtocolPlugin>>;

function isPlugin(plugin: ProtocolPlugins): plugin is ProtocolPlugin {
  return typeof plugin === "function" || isProtocol(plugin as ProtocolPlugin);
}

/** Several protocol plugins as one ProtocolSet (protocol-set.ts). */
function createProtocols(
  plugins: readonly ProtocolPlugin[] | Readonly<Record<string, ProtocolPlugin>>,
  config: ResolvedConfig,
  logger: Logger,
): Protocol {
  const named: [string | undefined, ProtocolPlugin][] = Array.isArray(plugins)
    ? (plugins as readonly ProtocolPlugin[]).map((p) => [undefined, p])
    : Object.entries(plugins);
  const created = named.map(([name, plugin]) => {
    if (isProtocol(plugin)) return plugin;
    const own =
      name === undefined || name === config.protocol.name
        ? config.protocol
        : config.protocols[name];
    const made = plugin({ ...own?.options, logger, host: own?.bind ?? config.protocol.bind });
    if (name !== undefined && made.name !== name) {
      throw new TypeError(`plugins.protocol.${name} speaks "${made.name}", not "${name}"`);
    }
    return made;
  });
  return created.length === 1 && created[0]!.name === config.protocol.name
    ? created[0]!
    : createProtocolSet(created, config.protocol.name);
}

function isProtocol(plugin: ProtocolPlugin): plugin is Protocol {
  return typeof plugin === "object" && plugin !== null && typeof plugin.export === "function";
}

function isRegistry(plugin: RegistryPlugin): plugin is Registry {
  return typeof plugin === "object" && plugin !== null && typeof plugin.subscribe === "function";
}

/** The error for an application that must export or refer but has no protocol plugin. */
export function missingProtocolPlugin(): TypeError {
  return new TypeError(
    "no protocol plugin: pass plugins: { protocol: createDubboProtocol } (from @dubbo-ts/protocol) to createApplication",
  );
}

/**
 * Creates (or takes) the protocol and registry of an application from its plugins and resolved
 * configuration. Factories get the plugin-specific config keys plus `logger` (and the registry
 * `address` and `application`, the protocol `host` to listen on). Throws a TypeError when a
 * needed plugin is missing or the protocol plugin's name differs from `protocol.name`.
 * No I/O: plugins connect in `start()`/`export()`.
 */
export function createPlugins(options: {
  plugins:
    | { registry?: RegistryPlugin | undefined; protocol?: ProtocolPlugins | undefined }
    | undefined;
  config: ResolvedConfig;
  logger: Logger;
  needProtocol: boolean;
}): { protocol: Protocol | undefined; registry: Registry | undefined } {
  const { config, logger } = options;
  const protocolPlugin = options.plugins?.protocol;
  if (options.needProtocol && !protocolPlugin) throw missingProtocolPlugin();
  let protocol: Protocol | undefined;
  if (protocolPlugin && (Array.isArray(protocolPlugin) || !isPlugin(protocolPlugin))) {
    protocol = createProtocols(protocolPlugin, config, logger);
  } else if (protocolPlugin) {
    const single = protocolPlugin as ProtocolPlugin;
    protocol = isProtocol(single)
      ? single
      : single({ ...config.protocol.options, logger, host: config.protocol.bind });
    if (protocol.name !== config.protocol.name) {
      throw new TypeError(
        `protocol.name is "${config.protocol.name}" but the protocol plugin speaks "${protocol.name}"`,
      );
    }
  }
  let registry: Registry | undefined;
  if (config.registry) {
    const registryPlugin = options.plugins?.registry;
    if (!registryPlugin) {
      throw new TypeError(
        `a registry is configured (${config.registry.address}) but there is no registry plugin: pass plugins: { registry: createZookeeperRegistry } (from @dubbo-ts/registry-zookeeper), or registry: false`,
      );
    }
    registry = isRegistry(registryPlugin)
      ? registryPlugin
      : registryPlugin({
          ...config.registry.options,
          address: config.registry.address,
          application: config.name,
          logger,
        });
  }
  return { protocol, registry };
}
