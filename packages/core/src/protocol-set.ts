import type { ResolvedConfig } from "./config/config.js";
import type { Exporter, Protocol } from "./protocol.js";
import type { ServiceUrl } from "./service-url.js";

/**
 * The protocols of an application as one Protocol: `export` and `refer` go to the plugin named
 * by the URL's protocol (`dubbo://`, `tri://`); `close` closes them all. `name` and
 * `providerParameters` are those of the default protocol (`protocol.name`). An application with
 * one protocol plugin uses that plugin directly.
 */
export interface ProtocolSet extends Protocol {
  /** Every protocol, by name (the default one included). */
  readonly protocols: ReadonlyMap<string, Protocol>;
}

/** True when `protocol` (a plugin or a ProtocolSet) can refer `name://` providers. */
export function speaks(protocol: Protocol, name: string): boolean {
  const set = (protocol as Partial<ProtocolSet>).protocols;
  return set ? set.has(name) : protocol.name === name;
}

/** The plugin for `name` in `protocol` (a plugin or a ProtocolSet), or undefined. */
export function protocolNamed(protocol: Protocol, name: string): Protocol | undefined {
  const set = (protocol as Partial<ProtocolSet>).protocols;
  if (set) return set.get(name);
  return protocol.name === name ? protocol : undefined;
}

/**
 * The listen/registration settings of protocol `name`: `protocol` for the default one, else its
 * `protocols.<name>` entry (port defaulting to the plugin's `defaultPort`). Throws a RangeError
 * when neither gives a port.
 */
export function protocolConfigFor(
  config: ResolvedConfig,
  name: string,
  plugin: Protocol,
): ResolvedConfig["protocol"] {
  if (name === config.protocol.name) return config.protocol;
  const extra = config.protocols[name];
  const port = extra?.port ?? plugin.defaultPort;
  if (port === undefined) {
    throw new RangeError(
      `protocols.${name}.port is missing: set createApplication({ protocols: { ${name}: { port: … } } }) (0 picks a free port)`,
    );
  }
  return {
    name,
    port,
    host: extra?.host ?? config.protocol.host,
    bind: extra?.bind ?? config.protocol.bind,
    workers: config.protocol.workers,
    options: extra?.options ?? {},
  };
}

/** Joins several protocol plugins; `defaultName` must be one of them (else a TypeError). */
export function createProtocolSet(all: readonly Protocol[], defaultName: string): ProtocolSet {
  const protocols = new Map<string, Protocol>();
  for (const p of all) {
    if (protocols.has(p.name)) {
      throw new TypeError(`two protocol plugins speak "${p.name}": pass one plugin per protocol`);
    }
    protocols.set(p.name, p);
  }
  const main = protocols.get(defaultName);
  if (!main) {
    throw new TypeError(
      `protocol.name is "${defaultName}" but the protocol plugins speak ${[...protocols.keys()].map((n) => `"${n}"`).join(", ")}`,
    );
  }
  const pick = (url: ServiceUrl): Protocol => {
    const p = protocols.get(url.protocol);
    if (!p) {
      throw new TypeError(
        `no protocol plugin for ${url.protocol}:// (${url.address}): add it to plugins.protocol`,
      );
    }
    return p;
  };
  return {
    name: main.name,
    ...(main.providerParameters ? { providerParameters: main.providerParameters } : {}),
    ...(main.defaultPort !== undefined ? { defaultPort: main.defaultPort } : {}),
    protocols,
    export: (url, definition, invoker): Promise<Exporter> =>
      pick(url).export(url, definition, invoker),
    refer: (url, definition) => pick(url).refer(url, definition),
    // Every protocol's servers, the default protocol's first (QoS `ps`).
    servers: () =>
      [main, ...[...protocols.values()].filter((p) => p !== main)].flatMap(
        (p) => p.servers?.() ?? [],
      ),
    async close(options) {
      await Promise.all([...protocols.values()].map((p) => p.close(options)));
    },
  };
}
