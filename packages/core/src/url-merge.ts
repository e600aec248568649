import { ServiceUrl } from "./service-url.js";

/** Provider keys that describe the provider's threads: meaningless to a consumer (DefaultProviderURLMergeProcessor). */
const PROVIDER_ONLY = [
  "threadname",
  "threadpool",
  "corethreads",
  "threads",
  "queues",
  "alive",
  "transporter",
];
/** Consumer keys that never override the provider's (their provider values matter: `timestamp` drives warm-up). */
const CONSUMER_NEVER = ["release", "dubbo", "methods", "timestamp", "dubbo.tag", "category", "pid"];
/** Consumer keys that do not override when the provider has them. */
const PROVIDER_WINS_IF_SET = ["group", "version", "generic"];

/**
 * The URL a consumer uses for one provider (ClusterUtils.mergeUrl): the provider's registry
 * parameters overlaid with the consumer's, so provider settings (`timeout`, `loadbalance`,
 * `weight`, `<method>.timeout`…) are consumer defaults and the consumer's own settings win, except
 * `group`/`version`/`generic` when the provider has them and the provider's `timestamp`,
 * `methods`, `dubbo`, `release`. Adds `remote.application` = the provider's application.
 */
export function mergeUrl(provider: ServiceUrl, consumer: ServiceUrl): ServiceUrl {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(provider.parameters)) {
    const bare = k.startsWith("default.") ? k.slice("default.".length) : k;
    if (!PROVIDER_ONLY.includes(bare)) params[k] = v;
  }
  for (const [k, v] of Object.entries(consumer.parameters)) {
    if (CONSUMER_NEVER.includes(k)) continue;
    if (PROVIDER_WINS_IF_SET.includes(k) && provider.parameters[k] !== undefined) continue;
    params[k] = v;
  }
  const application = provider.getParameter("application");
  if (application !== undefined) params["remote.application"] = application;
  return new ServiceUrl({
    protocol: provider.protocol,
    host: provider.host,
    port: provider.port,
    path: provider.path,
    username: provider.username,
    password: provider.password,
    parameters: params,
  });
}
