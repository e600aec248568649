import { checkKnownKeys, checkSection, checkText } from "./checks.js";
import {
  DEFAULT_PORT,
  DEFAULT_SHUTDOWN_TIMEOUT,
  type DubboConfig,
  type ResolvedConfig,
  type ResolvedProtocolConfig,
} from "./config.js";
import { loadConfigFile } from "./config-file.js";
import { checkValue, type Kind } from "./value-kinds.js";

/** Every key the core understands, with its environment variables (first set wins). */
const FIELDS: readonly { path: string; kind: Kind; env?: readonly string[] }[] = [
  { path: "name", kind: "name", env: ["DUBBO_APPLICATION_NAME"] },
  {
    path: "application.registerMode",
    kind: "registerMode",
    env: ["DUBBO_APPLICATION_REGISTER_MODE"],
  },
  {
    path: "application.serviceDiscoveryMigration",
    kind: "migration",
    env: ["DUBBO_APPLICATION_SERVICE_DISCOVERY_MIGRATION"],
  },
  {
    path: "application.metadataType",
    kind: "metadataType",
    env: ["DUBBO_APPLICATION_METADATA_TYPE"],
  },
  { path: "registry.address", kind: "address", env: ["DUBBO_REGISTRY_ADDRESS"] },
  { path: "protocol.name", kind: "name", env: ["DUBBO_PROTOCOL_NAME"] },
  { path: "protocol.port", kind: "port", env: ["DUBBO_PROTOCOL_PORT"] },
  { path: "protocol.host", kind: "host", env: ["DUBBO_IP_TO_REGISTRY", "DUBBO_PROTOCOL_HOST"] },
  { path: "protocol.bind", kind: "bind", env: ["DUBBO_IP_TO_BIND"] },
  { path: "protocol.workers", kind: "workers", env: ["DUBBO_PROTOCOL_WORKERS"] },
  { path: "consumer.timeout", kind: "timeout", env: ["DUBBO_CONSUMER_TIMEOUT"] },
  { path: "consumer.retries", kind: "count", env: ["DUBBO_CONSUMER_RETRIES"] },
  { path: "consumer.loadbalance", kind: "loadbalance", env: ["DUBBO_CONSUMER_LOADBALANCE"] },
  { path: "consumer.cluster", kind: "cluster", env: ["DUBBO_CONSUMER_CLUSTER"] },
  { path: "consumer.check", kind: "bool", env: ["DUBBO_CONSUMER_CHECK"] },
  { path: "consumer.actives", kind: "count", env: ["DUBBO_CONSUMER_ACTIVES"] },
  { path: "consumer.sticky", kind: "bool", env: ["DUBBO_CONSUMER_STICKY"] },
  { path: "consumer.version", kind: "key", env: ["DUBBO_CONSUMER_VERSION"] },
  { path: "consumer.group", kind: "key", env: ["DUBBO_CONSUMER_GROUP"] },
  { path: "provider.timeout", kind: "timeout", env: ["DUBBO_PROVIDER_TIMEOUT"] },
  { path: "provider.retries", kind: "count", env: ["DUBBO_PROVIDER_RETRIES"] },
  { path: "provider.loadbalance", kind: "loadbalance", env: ["DUBBO_PROVIDER_LOADBALANCE"] },
  { path: "provider.cluster", kind: "cluster", env: ["DUBBO_PROVIDER_CLUSTER"] },
  { path: "provider.weight", kind: "count", env: ["DUBBO_PROVIDER_WEIGHT"] },
  { path: "provider.warmup", kind: "ms", env: ["DUBBO_PROVIDER_WARMUP"] },
  { path: "provider.token", kind: "token", env: ["DUBBO_PROVIDER_TOKEN"] },
  { path: "provider.executes", kind: "count", env: ["DUBBO_PROVIDER_EXECUTES"] },
  { path: "provider.accesslog", kind: "accesslog", env: ["DUBBO_PROVIDER_ACCESSLOG"] },
  { path: "provider.delay", kind: "ms", env: ["DUBBO_PROVIDER_DELAY"] },
  { path: "provider.version", kind: "key", env: ["DUBBO_PROVIDER_VERSION"] },
  { path: "provider.group", kind: "key", env: ["DUBBO_PROVIDER_GROUP"] },
  { path: "shutdown.timeout", kind: "ms", env: ["DUBBO_SERVICE_SHUTDOWN_WAIT"] },
  // Java's ApplicationConfig QoS keys (dubbo.application.qos-enable → DUBBO_APPLICATION_QOS_ENABLE);
  // read by a QoS extension (@dubbo-ts/qos), which applies Java's defaults.
  { path: "application.qosEnable", kind: "bool", env: ["DUBBO_APPLICATION_QOS_ENABLE"] },
  { path: "application.qosPort", kind: "port", env: ["DUBBO_APPLICATION_QOS_PORT"] },
  {
    path: "application.qosAcceptForeignIp",
    kind: "bool",
    env: ["DUBBO_APPLICATION_QOS_ACCEPT_FOREIGN_IP"],
  },
  {
    path: "application.qosAcceptForeignIpWhitelist",
    kind: "text",
    env: ["DUBBO_APPLICATION_QOS_ACCEPT_FOREIGN_IP_WHITELIST"],
  },
  {
    path: "application.qosAnonymousAccessPermissionLevel",
    kind: "text",
    env: ["DUBBO_APPLICATION_QOS_ANONYMOUS_ACCESS_PERMISSION_LEVEL"],
  },
  { path: "shutdown.hook", kind: "bool", env: ["DUBBO_SHUTDOWN_HOOK"] },
];

/** Environment variables read by `resolveConfig`, in the order of `FIELDS`, plus DUBBO_CONFIG_FILE. */
export const ENVIRONMENT: readonly string[] = [
  ...FIELDS.flatMap((f) => f.env ?? []),
  "DUBBO_CONFIG_FILE",
];

const SECTIONS = [
  "name",
  "registry",
  "protocol",
  "protocols",
  "consumer",
  "provider",
  "shutdown",
  "application",
];
const STRICT_SECTIONS: Record<string, readonly string[]> = {
  application: FIELDS.filter((f) => f.path.startsWith("application.")).map((f) => f.path.slice(12)),
  consumer: FIELDS.filter((f) => f.path.startsWith("consumer.")).map((f) => f.path.slice(9)),
  provider: FIELDS.filter((f) => f.path.startsWith("provider.")).map((f) => f.path.slice(9)),
  shutdown: ["timeout", "hook"],
};

/** Where the configuration comes from; `resolveConfig` does no I/O. */
export interface ConfigSources {
  /** From `createApplication(...)`. */
  readonly code?: DubboConfig | undefined;
  /** A parsed config file and its path (for messages). */
  readonly file?: { readonly path: string; readonly data: unknown } | undefined;
  /** Environment variables; `process.env` in an application. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

function get(object: unknown, dotted: string): unknown {
  let v: unknown = object;
  for (const part of dotted.split(".")) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function checkShape(config: unknown, where: string): Record<string, unknown> {
  const root = checkSection(config, where);
  checkKnownKeys(root, SECTIONS, where);
  for (const [section, keys] of Object.entries(STRICT_SECTIONS)) {
    if (root[section] === undefined) continue;
    checkKnownKeys(
      checkSection(root[section], `${section} of ${where}`),
      keys,
      `${section} of ${where}`,
    );
  }
  for (const section of ["registry", "protocol"]) {
    const v = root[section];
    if (v === undefined || (section === "registry" && v === false)) continue;
    checkSection(v, `${section} of ${where}`);
  }
  return root;
}

/**
 * Merges environment, code and config file (in that precedence, per key), validates every value
 * and applies defaults. Throws a TypeError/RangeError naming the key, its source and the fix.
 */
export function resolveConfig(sources: ConfigSources): ResolvedConfig {
  const env = sources.env ?? {};
  const code = sources.code ? checkShape(sources.code, "the createApplication options") : {};
  const file = sources.file ? checkShape(sources.file.data, sources.file.path) : {};
  const values: Record<string, unknown> = {};
  const labels: Record<string, string> = {};
  for (const field of FIELDS) {
    let value: unknown;
    let label: string | undefined;
    const envName = field.env?.find((n) => env[n] !== undefined && env[n] !== "");
    if (envName) {
      value = env[envName];
      label = `${envName} (environment)`;
    } else if (get(code, field.path) !== undefined) {
      value = get(code, field.path);
      label = `${field.path} (createApplication options)`;
    } else if (get(file, field.path) !== undefined) {
      value = get(file, field.path);
      label = `${field.path} in ${sources.file!.path}`;
    }
    if (label === undefined) continue;
    values[field.path] = checkValue(field.kind, value, label);
    labels[field.path] = label;
  }

  if (values.name === undefined) {
    throw new TypeError(
      'the application name is missing: pass createApplication({ name: "my-app" }), set "name" in the config file, or set DUBBO_APPLICATION_NAME',
    );
  }

  const extras = (section: "registry" | "protocol", skip: readonly string[]) => {
    const out: Record<string, unknown> = {};
    for (const source of [file[section], code[section]]) {
      if (typeof source !== "object" || source === null) continue;
      for (const [k, v] of Object.entries(source))
        if (!skip.includes(k) && v !== undefined) out[k] = v;
    }
    return out;
  };

  const registryOff =
    values["registry.address"] === "N/A" ||
    (values["registry.address"] === undefined &&
      (code.registry === false || (code.registry === undefined && file.registry === false)));
  if (
    !registryOff &&
    values["registry.address"] === undefined &&
    (code.registry !== undefined || file.registry !== undefined)
  ) {
    throw new TypeError(
      `registry.address is missing (${code.registry !== undefined ? "createApplication options" : sources.file!.path}): set it like "zookeeper://127.0.0.1:2181", set DUBBO_REGISTRY_ADDRESS, or use registry: false for none`,
    );
  }
  const registry =
    registryOff || values["registry.address"] === undefined
      ? undefined
      : { address: values["registry.address"] as string, options: extras("registry", ["address"]) };

  const section = (name: "consumer" | "provider" | "application") => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (k.startsWith(`${name}.`)) out[k.slice(name.length + 1)] = v;
    }
    return out;
  };

  return {
    name: values.name as string,
    registry,
    protocol: {
      name: (values["protocol.name"] as string | undefined) ?? "dubbo",
      port: (values["protocol.port"] as number | undefined) ?? DEFAULT_PORT,
      host: values["protocol.host"] as string | undefined,
      bind:
        (values["protocol.bind"] as string | undefined) ??
        (values["protocol.host"] as string | undefined) ??
        "0.0.0.0",
      workers: (values["protocol.workers"] as number | undefined) ?? 1,
      options: extras("protocol", ["name", "port", "host", "bind", "workers"]),
    },
    protocols: resolveProtocols(code.protocols, file.protocols, sources.file?.path),
    consumer: { check: true, ...section("consumer") },
    provider: section("provider"),
    application: {
      ...section("application"),
      registerMode:
        (values["application.registerMode"] as ResolvedConfig["application"]["registerMode"]) ??
        "all",
      serviceDiscoveryMigration:
        (values[
          "application.serviceDiscoveryMigration"
        ] as ResolvedConfig["application"]["serviceDiscoveryMigration"]) ?? "APPLICATION_FIRST",
      metadataType:
        (values["application.metadataType"] as ResolvedConfig["application"]["metadataType"]) ??
        "local",
    },
    shutdown: {
      timeout: (values["shutdown.timeout"] as number | undefined) ?? DEFAULT_SHUTDOWN_TIMEOUT,
      hook: (values["shutdown.hook"] as boolean | undefined) ?? true,
    },
    sources: labels,
  };
}

/**
 * The whole configuration of an application: picks the config file (`DUBBO_CONFIG_FILE`, else
 * `configFile` from code), reads it (JSON, or YAML for `.yml`/`.yaml`), then `resolveConfig`.
 */
export function loadConfig(options: {
  code?: DubboConfig | undefined;
  configFile?: string | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
}): ResolvedConfig {
  const env = options.env ?? {};
  let file: { path: string; data: unknown } | undefined;
  if (env.DUBBO_CONFIG_FILE) file = loadConfigFile(env.DUBBO_CONFIG_FILE, "DUBBO_CONFIG_FILE");
  else if (options.configFile !== undefined) {
    file = loadConfigFile(
      checkText(options.configFile, "configFile (createApplication options)"),
      "configFile option",
    );
  }
  return resolveConfig({ code: options.code, file, env });
}

/**
 * `protocols` (code over file, per protocol name): `port`, `host`, `bind` validated like
 * `protocol`'s; the other keys go to that protocol's plugin factory.
 */
function resolveProtocols(
  code: unknown,
  file: unknown,
  filePath: string | undefined,
): Record<string, ResolvedProtocolConfig> {
  const out: Record<string, ResolvedProtocolConfig> = {};
  const fromCode =
    code === undefined ? {} : checkSection(code, "protocols (createApplication options)");
  const fromFile = file === undefined ? {} : checkSection(file, `protocols in ${filePath}`);
  for (const name of new Set([...Object.keys(fromFile), ...Object.keys(fromCode)])) {
    const label = `protocols.${name}`;
    const merged: Record<string, unknown> = {
      ...(fromFile[name] === undefined ? {} : checkSection(fromFile[name], label)),
      ...(fromCode[name] === undefined ? {} : checkSection(fromCode[name], label)),
    };
    const { port, host, bind, name: _n, ...options } = merged;
    if (options.workers !== undefined) {
      throw new TypeError(
        `${label}.workers: worker processes are set for the whole application with protocol.workers (or DUBBO_PROTOCOL_WORKERS); remove it from ${label}`,
      );
    }
    const h =
      host === undefined ? undefined : (checkValue("host", host, `${label}.host`) as string);
    out[name] = {
      name,
      port: port === undefined ? undefined : (checkValue("port", port, `${label}.port`) as number),
      host: h,
      bind:
        bind === undefined
          ? (h ?? "0.0.0.0")
          : (checkValue("bind", bind, `${label}.bind`) as string),
      options,
    };
  }
  return out;
}
