import type { ResolvedConfig } from "./config/config.js";
import { checkServiceOptions } from "./config/option-checks.js";
import { type Constructor, className } from "./decorators/metadata.js";
import type { ServiceOptions } from "./decorators/options.js";
import { resolveServiceDefinition } from "./decorators/resolve-definition.js";
import { getServiceOptions } from "./decorators/service.js";
import { type ClosableFilter, createAccessLogFilter } from "./filter/access-log.js";
import { providerContextFilter } from "./filter/context.js";
import { echoFilter } from "./filter/echo.js";
import { createExecuteLimitFilter } from "./filter/execute-limit.js";
import { createGenericFilter } from "./filter/generic.js";
import { createTokenFilter } from "./filter/token.js";
import type { Filter } from "./filter.js";
import type { Logger } from "./logger.js";
import type { Exporter, Protocol } from "./protocol.js";
import { buildProviderUrl } from "./provider-url.js";
import { serviceToken } from "./provider-workers.js";
import type { Registry } from "./registry.js";
import { describeDisconnected, disconnected } from "./registry-inventory.js";
import type { ServiceDefinition } from "./service-definition.js";
import { createServiceInvoker, type ServiceInvoker } from "./service-invoker.js";
import type { ServiceUrl } from "./service-url.js";
import { METHOD_KEYS, optionParameters } from "./url-parameters.js";

/** A provider given without decorators: the implementation plus `@Service`-style options. */
export interface ServiceRegistration extends ServiceOptions {
  readonly implementation: object;
}

/** What `services` accepts: an instance of a `@Service` class, such a class, or a registration. */
export type ServiceEntry = object;

/** A service checked and ready to export (no I/O done yet). */
export interface ServicePlan {
  readonly where: string;
  readonly implementation: object;
  readonly options: ServiceOptions;
  readonly definition: ServiceDefinition;
}

const PROVIDER_DEFAULT_KEYS = [
  "version",
  "group",
  "timeout",
  "retries",
  "loadbalance",
  "cluster",
  "weight",
  "warmup",
  "token",
  "executes",
  "accesslog",
  "delay",
] as const;

const URL_KEYS = [
  "version",
  "group",
  "cluster",
  "warmup",
  "delay",
  "deprecated",
  "dynamic",
  ...METHOD_KEYS,
];

function isRegistration(entry: object): entry is ServiceRegistration {
  return (
    "implementation" in entry &&
    typeof (entry as ServiceRegistration).implementation === "object" &&
    !getServiceOptions(entry.constructor)
  );
}

/**
 * Turns one `services` entry into a checked plan: finds its options (decorator, registration,
 * then the application's `provider` defaults), resolves its contract, checks that the
 * implementation has every contract method and that every option is valid. Throws TypeError or
 * RangeError naming the service.
 */
export function planService(
  entry: ServiceEntry,
  index: number,
  config: ResolvedConfig,
): ServicePlan {
  let implementation: object;
  let own: ServiceOptions;
  let where: string;
  if (typeof entry === "function") {
    const decorated = getServiceOptions(entry as Constructor);
    where = `@Service ${className(entry)}`;
    if (!decorated) {
      throw new TypeError(
        `services[${index}]: class ${className(entry)} has no @Service decorator; decorate it or pass { implementation, interface, version }`,
      );
    }
    if ((entry as Constructor).length > 0) {
      throw new TypeError(
        `${where} needs constructor arguments; pass an instance in services instead of the class`,
      );
    }
    implementation = new (entry as new () => object)();
    own = decorated;
  } else if (typeof entry === "object" && entry !== null && isRegistration(entry)) {
    const { implementation: impl, ...rest } = entry;
    implementation = impl;
    own = { ...getServiceOptions(impl.constructor), ...rest };
    where = `services[${index}] (${className(impl)})`;
  } else if (typeof entry === "object" && entry !== null && getServiceOptions(entry.constructor)) {
    implementation = entry;
    own = getServiceOptions(entry.constructor)!;
    where = `@Service ${className(entry)}`;
  } else {
    throw new TypeError(
      `services[${index}]: ${typeof entry === "object" && entry !== null ? `an instance of ${className(entry)}` : JSON.stringify(entry)} has no @Service decorator; decorate its class or pass { implementation, interface, version }`,
    );
  }
  const options: Record<string, unknown> = { ...own };
  for (const key of PROVIDER_DEFAULT_KEYS) {
    if (options[key] === undefined && config.provider[key] !== undefined)
      options[key] = config.provider[key];
  }
  const target =
    implementation.constructor === Object ? undefined : (implementation.constructor as Constructor);
  const definition = resolveServiceDefinition({
    target,
    contract: (options as ServiceOptions).contract,
    interface: (options as ServiceOptions).interface,
    where,
  });
  for (const m of definition.methods) {
    if (typeof (implementation as Record<string, unknown>)[m.name] !== "function") {
      throw new TypeError(
        `${where}: ${className(implementation)} does not implement ${definition.interface}.${m.name}()`,
      );
    }
  }
  checkServiceOptions(options as ServiceOptions, where, definition);
  return { where, implementation, options: options as ServiceOptions, definition };
}

/** A service exported by an application. */
export interface ExportedService {
  /** The URL registered (with the port actually bound). */
  readonly url: ServiceUrl;
  readonly exporter: Exporter;
  readonly invoker: ServiceInvoker;
  readonly definition: ServiceDefinition;
  /** Meant to be in the registry: a registry is configured and `register` is not false. */
  readonly registrable: boolean;
  /** In the registry now (`offline`/`online` change it; shutdown unregisters only these). */
  registered: boolean;
  /** Listed in the application's MetadataInfo (register-mode instance/all): `register` not false. */
  readonly listed: boolean;
  /**
   * In the application instance's MetadataInfo now: true from the start, false after an
   * app-level `offline` (QoS `offline`/`offlineApp`) until the matching `online`.
   */
  published: boolean;
  readonly accessLog: ClosableFilter | undefined;
}

export interface ExportContext {
  readonly protocol: Protocol;
  readonly registry: Registry | undefined;
  readonly config: ResolvedConfig;
  readonly host: string;
  readonly logger: Logger;
  readonly filters: readonly Filter[];
}

/**
 * Exports one planned service (ServiceConfig.export): builds the provider URL Java would
 * register, wires the provider filters — `$echo`, context, access log, token, generic, executes,
 * (a protocol that answers `$echo` and turns `$invoke` into the named method itself, as the dubbo
 * protocol does, simply never sends those two through the chain)
 * then the application's filters, then the service's, the first being the outermost — exports it
 * through the protocol and registers `exporter.url` unless `register: false` or no registry.
 */
export async function exportService(
  plan: ServicePlan,
  ctx: ExportContext,
): Promise<ExportedService> {
  const { options, definition } = plan;
  const tokenOption = options.token;
  const token =
    tokenOption === true || tokenOption === "true" || tokenOption === "default"
      ? serviceToken(
          `${ctx.protocol.name}:${definition.interface}:${options.group}:${options.version}`,
        )
      : typeof tokenOption === "string" && tokenOption !== "false"
        ? tokenOption
        : undefined;
  const accesslog =
    options.accesslog === true || options.accesslog === "true" || options.accesslog === "default"
      ? true
      : typeof options.accesslog === "string" && options.accesslog !== "false"
        ? options.accesslog
        : undefined;
  const port = ctx.config.protocol.port;
  const url = buildProviderUrl({
    host: ctx.host,
    port: port === 0 ? 1 : port,
    interface: definition.interface,
    methods: definition.methods.map((m) => m.name),
    application: ctx.config.name,
    protocol: ctx.protocol.name,
    anyhost: ctx.config.protocol.bind === "0.0.0.0" || ctx.config.protocol.bind === "::",
    token,
    parameters: {
      ...ctx.protocol.providerParameters,
      ...optionParameters(options as Record<string, unknown>, URL_KEYS),
      ...(accesslog !== undefined ? { accesslog: accesslog === true ? "true" : accesslog } : {}),
    },
  }).with({ port });
  const accessLog =
    accesslog === undefined
      ? undefined
      : createAccessLogFilter(accesslog, definition.interface, ctx.logger);
  const filters: Filter[] = [echoFilter, providerContextFilter];
  if (accessLog) filters.push(accessLog);
  if (token !== undefined) filters.push(createTokenFilter(token, definition.interface));
  filters.push(
    createGenericFilter(definition),
    createExecuteLimitFilter(url),
    ...ctx.filters,
    ...(options.filters ?? []),
  );
  const invoker = createServiceInvoker({
    url,
    implementation: plan.implementation,
    definition,
    filters,
  });
  const exporter = await ctx.protocol
    .export(url, definition, invoker)
    .catch((e: unknown) => Promise.reject(listenError(e, ctx.config)));
  const listed = options.register !== false && ctx.registry !== undefined;
  // register-mode=instance: the service is found through the application instance only.
  const registered = listed && ctx.config.application.registerMode !== "instance";
  if (registered) {
    await ctx.registry!.register(exporter.url);
    if (ctx.registry!.isRegistered?.(exporter.url) === false) {
      const down = disconnected(ctx.registry!);
      ctx.logger.warn(
        { service: exporter.url.serviceKey, url: exporter.url.toFullString() },
        `${exporter.url.serviceKey} is served on port ${exporter.url.port} but not registered yet${down ? `: ${describeDisconnected(down)}` : ""}; the registration is retried until the registry answers, and consumers cannot find this provider until then`,
      );
    }
  }
  ctx.logger.info(
    { service: exporter.url.serviceKey, url: exporter.url.toFullString(), registered },
    `exported ${exporter.url.serviceKey} at ${exporter.url.address}`,
  );
  return {
    url: exporter.url,
    exporter,
    invoker,
    definition,
    registrable: registered,
    registered,
    listed,
    published: true,
    accessLog,
  };
}

/**
 * A port already taken (`EADDRINUSE`) or not allowed (`EACCES`) becomes an error that names the
 * setting to change and where its value came from; `code`, `port` and `cause` are kept. Other
 * errors pass unchanged.
 */
export function listenError(error: unknown, config: ResolvedConfig): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "EADDRINUSE" && code !== "EACCES") return error;
  const { port, bind, name } = config.protocol;
  const from = config.sources["protocol.port"] ?? `the default ${port}`;
  const why =
    code === "EADDRINUSE"
      ? "the port is in use by another process (another instance of this application?)"
      : "this process may not listen on it (ports below 1024 need privileges)";
  return Object.assign(
    new Error(
      `cannot listen on ${bind}:${port} for ${name} services (${code}): ${why}. The port comes from ${from}: set another one with protocol.port or DUBBO_PROTOCOL_PORT (0 picks a free port), or stop the process that holds it`,
      { cause: error },
    ),
    { code, port },
  );
}
