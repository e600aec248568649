import { getClusterFactory } from "./cluster/extensions.js";
import { DEFAULT_CLUSTER } from "./cluster.js";
import type { ResolvedConfig } from "./config/config.js";
import { checkReferenceOptions, parseDirectUrls } from "./config/option-checks.js";
import { decoratorMetadataMissing, NO_DECORATOR_METADATA } from "./decorators/design-metadata.js";
import type { Constructor } from "./decorators/metadata.js";
import type { ReferenceOptions } from "./decorators/options.js";
import { isServiceDefinition, resolveServiceDefinition } from "./decorators/resolve-definition.js";
import { createStaticDirectory, type Directory } from "./directory.js";
import type { ApplicationDiscovery } from "./discovery/application-discovery.js";
import type { Invoker } from "./invoker.js";
import type { Logger } from "./logger.js";
import type { Protocol } from "./protocol.js";
import { buildConsumerUrl } from "./provider-url.js";
import { createReferredInvoker } from "./referred-invoker.js";
import type { Registry } from "./registry.js";
import { createRegistryDirectory } from "./registry-directory.js";
import {
  describeDisconnected,
  describeRegistered,
  disconnected,
  listRegistered,
} from "./registry-inventory.js";
import { Code, RpcError } from "./rpc-error.js";
import type { ServiceDefinition } from "./service-definition.js";
import type { ServiceUrl } from "./service-url.js";
import { mergeUrl } from "./url-merge.js";
import { METHOD_KEYS, optionParameters } from "./url-parameters.js";

/** A reference checked and ready to connect (no I/O done yet). */
export interface ReferencePlan {
  readonly where: string;
  readonly options: ReferenceOptions;
  readonly definition: ServiceDefinition;
  /** Set for direct connections (`url`). */
  readonly directUrls: readonly ServiceUrl[] | undefined;
  readonly check: boolean;
  /** Identity of equivalent references, so they share one directory. */
  readonly key: string;
}

const CONSUMER_DEFAULT_KEYS = [
  "version",
  "group",
  "timeout",
  "retries",
  "loadbalance",
  "cluster",
  "actives",
  "sticky",
] as const;

const URL_KEYS = ["version", "group", "protocol", "cluster", "connections", ...METHOD_KEYS];

/**
 * Checks one reference: the contract (explicit, else the field's TS class), the options merged
 * with the application's `consumer` defaults, the direct URLs, and that it can reach providers
 * (a registry, or `url`). `generic` references need only an interface name. Throws TypeError or
 * RangeError naming the reference.
 */
export function planReference(
  request: { options: ReferenceOptions; designType?: unknown; where: string; generic?: boolean },
  config: ResolvedConfig,
  hasRegistry: boolean,
): ReferencePlan {
  const { where } = request;
  const options: Record<string, unknown> = { ...request.options };
  for (const key of CONSUMER_DEFAULT_KEYS) {
    if (options[key] === undefined && config.consumer[key] !== undefined)
      options[key] = config.consumer[key];
  }
  const designContract =
    typeof request.designType === "function" && request.designType !== Object
      ? (request.designType as Constructor)
      : undefined;
  const contract = (options.contract as ReferenceOptions["contract"]) ?? designContract;
  let definition: ServiceDefinition;
  if (request.generic) {
    if (typeof options.interface !== "string") {
      throw new TypeError(`${where}: a generic reference needs { interface: "com.x.FooService" }`);
    }
    definition = { interface: options.interface, methods: [] };
  } else {
    if (!contract && options.interface === undefined) {
      throw new TypeError(noContractMessage(where, request.designType));
    }
    definition = resolveServiceDefinition({
      target: typeof contract === "function" ? contract : undefined,
      contract: isServiceDefinition(contract) ? contract : undefined,
      interface: options.interface as string | undefined,
      where,
    });
  }
  checkReferenceOptions(options as ReferenceOptions, where, definition);
  const directUrls =
    options.url === undefined ? undefined : parseDirectUrls(options.url, `${where}: url`);
  if (!directUrls && !hasRegistry) {
    throw new TypeError(
      `${where}: no way to find providers of ${definition.interface}: configure a registry (registry.address or DUBBO_REGISTRY_ADDRESS) or give url: "dubbo://host:port"`,
    );
  }
  const check =
    options.check === undefined
      ? config.consumer.check
      : options.check === true || options.check === "true";
  const { filters: _f, contract: _c, ...keyed } = options;
  const key = JSON.stringify([definition, keyed, request.generic === true]);
  return { where, options: options as ReferenceOptions, definition, directUrls, check, key };
}

/** Why a reference has no contract: no design metadata, a type-only import, or nothing given. */
function noContractMessage(where: string, designType: unknown): string {
  if (designType === undefined && decoratorMetadataMissing()) {
    return `${where}: no contract: the field's class cannot be read because ${NO_DECORATOR_METADATA}`;
  }
  if (designType === Object) {
    return `${where}: no contract: the field's TS type is an interface, a union, or a class imported with \`import type\` (compiled code only sees Object); import the contract class (@JavaInterface) as a value, or set contract (or interface with method types) in the options`;
  }
  return `${where}: no contract; type the field with a contract class (@JavaInterface), or set contract (or interface with method types) in the options`;
}

/** A connected reference: the cluster invoker behind a proxy. */
export interface ConnectedReference {
  readonly invoker: Invoker;
  readonly directory: Directory;
  /** The consumer URL registered under `/consumers`, if any. */
  readonly registeredUrl: ServiceUrl | undefined;
  /** Direct (`url`) rather than through the registry. */
  readonly direct: boolean;
  /** Providers known and available now (health, QoS `ls`). */
  providers(): number;
}

export interface ReferContext {
  readonly protocol: Protocol;
  readonly registry: Registry | undefined;
  /** Application-level discovery, when the registry supports it (else interface-level only). */
  readonly discovery?: ApplicationDiscovery | undefined;
  readonly config: ResolvedConfig;
  readonly host: string;
  readonly logger: Logger;
}

/**
 * Connects a planned reference (ReferenceConfig.init): builds the consumer URL Java registers,
 * then either refers the direct URLs (merged with the consumer's parameters) or registers the
 * consumer and subscribes a RegistryDirectory; with `check` (the default) fails with
 * `Code.NoInvoker` when the registry lists no provider; finally joins the directory with the
 * configured cluster strategy (default failover).
 */
export async function connectReference(
  plan: ReferencePlan,
  ctx: ReferContext,
): Promise<ConnectedReference> {
  const { definition, options } = plan;
  const consumerUrl = buildConsumerUrl({
    host: ctx.host,
    interface: definition.interface,
    application: ctx.config.name,
    methods: definition.methods.map((m) => m.name),
    parameters: optionParameters(options as Record<string, unknown>, URL_KEYS),
  });
  let directory: Directory;
  let registeredUrl: ServiceUrl | undefined;
  let known: () => readonly Invoker[];
  if (plan.directUrls) {
    const invokers = plan.directUrls.map((u) =>
      createReferredInvoker(
        ctx.protocol.refer(
          mergeUrl(u.with({ path: u.path || definition.interface }), consumerUrl),
          definition,
        ),
      ),
    );
    directory = createStaticDirectory(consumerUrl.withoutParameters("category"), invokers);
    known = () => invokers;
  } else {
    const registry = ctx.registry!;
    const step = ctx.discovery?.step ?? "FORCE_INTERFACE";
    // Java registers the consumer node only where it subscribes interface-level.
    if (options.register !== false && step !== "FORCE_APPLICATION") {
      await registry.register(consumerUrl);
      registeredUrl = consumerUrl;
    }
    const interfaceLevel = () =>
      createRegistryDirectory({
        registry,
        protocol: ctx.protocol,
        consumerUrl: consumerUrl.withoutParameters("category"),
        definition,
        logger: ctx.logger,
      });
    const registryDirectory = ctx.discovery
      ? ctx.discovery.directory({
          consumerUrl: consumerUrl.withoutParameters("category"),
          definition,
          interfaceLevel,
        })
      : interfaceLevel();
    directory = registryDirectory;
    known = () => registryDirectory.invokers;
    await registryDirectory.subscribe();
    if (plan.check && registryDirectory.invokers.length === 0) {
      const down = disconnected(registry);
      if (down) {
        await registryDirectory.destroy();
        if (registeredUrl) await registry.unregister(registeredUrl).catch(() => {});
        throw new RpcError(
          Code.Registry,
          `${plan.where}: cannot look up the providers of ${consumerUrl.serviceKey} at start (check=true): ${describeDisconnected(down)}. Fix: start the registry or correct registry.address (DUBBO_REGISTRY_ADDRESS), or set check: false (DUBBO_CONSUMER_CHECK=false) to start now and use providers once the registry answers`,
        );
      }
      const registered = await listRegistered(registry, consumerUrl);
      await registryDirectory.destroy();
      if (registeredUrl) await registry.unregister(registeredUrl).catch(() => {});
      throw new RpcError(Code.NoInvoker, noProviderMessage(plan, consumerUrl, ctx, registered));
    }
  }
  const clusterName = options.cluster ?? DEFAULT_CLUSTER;
  const factory = getClusterFactory(clusterName)!;
  const invoker = factory({ logger: ctx.logger }).join(directory);
  ctx.logger.info(
    { service: consumerUrl.serviceKey, direct: plan.directUrls !== undefined },
    `referenced ${consumerUrl.serviceKey}`,
  );
  return {
    invoker,
    directory,
    registeredUrl,
    direct: plan.directUrls !== undefined,
    providers: () => known().filter((i) => i.isAvailable()).length,
  };
}

/**
 * `check=true` found no provider: say what was asked (version, group, protocol), what the
 * registry does have for the interface (a wrong version or group is the usual cause), and the fix.
 */
function noProviderMessage(
  plan: ReferencePlan,
  consumerUrl: ServiceUrl,
  ctx: ReferContext,
  registered: readonly ServiceUrl[] | undefined,
): string {
  const version = consumerUrl.getParameter("version");
  const group = consumerUrl.getParameter("group");
  const wanted = [
    version ? `version ${version}` : "no version",
    group ? `group ${group}` : "no group",
    ctx.protocol.name,
  ].join(", ");
  const where = ctx.config.registry ? ` ${ctx.config.registry.address}` : "";
  const offCheck = "or set check: false (DUBBO_CONSUMER_CHECK=false) to start without one";
  const has =
    registered === undefined
      ? "it did not answer a listing of the interface"
      : `it has ${describeRegistered(registered)}`;
  const fix =
    registered && registered.length > 0
      ? `ask for what is registered (version/group in the reference options, or consumer.version/consumer.group), start a provider with ${wanted}, ${offCheck}`
      : `start a provider first (registered in this registry), ${offCheck}`;
  return `${plan.where}: no provider available for ${consumerUrl.serviceKey} (${wanted}) in the registry${where} at start (check=true); ${has}. Fix: ${fix}`;
}
