import { type ServiceUrl, serviceKey } from "./service-url.js";

/** `CommonConstants.ANYHOST_VALUE`: a rule for every host. */
const ANYHOST = "0.0.0.0";
/** `CommonConstants.ANY_VALUE`. */
const ANY = "*";

/**
 * Keys of a rule that say where it applies, never copied into the target URL
 * (AbstractConfigurator.genConditionKeys; `~key` match keys are removed too).
 */
const CONDITION_KEYS = new Set([
  "category",
  "check",
  "dynamic",
  "enabled",
  "group",
  "version",
  "application",
  "side",
  "configVersion",
  "compatible_config",
  "interfaces",
]);

/**
 * Turns one notified `configurators` list into the rules to apply, in application order
 * (Configurator.toConfigurators): `undefined` for an empty list (keep the current rules), `[]` when
 * the list holds an `empty://` URL (the last rule was deleted: clear them all). A rule whose only
 * parameter is `anyhost` changes nothing and is left out, so a list of only such rules also clears.
 * Rules are `override://` (set parameters) or `absent://` (fill missing ones); other protocols and
 * 2.6-compatibility copies (`compatible_config`, dropped by RegistryDirectory.isNotCompatibleFor26x)
 * are left out. Sorted by host string, then by `priority` (both ascending, stable): `0.0.0.0` sorts
 * before a specific IP, so a rule for one host is applied after, and wins over, a rule for all.
 */
export function toConfigurators(urls: readonly ServiceUrl[]): ServiceUrl[] | undefined {
  if (urls.length === 0) return undefined;
  if (urls.some((u) => u.protocol === "empty")) return [];
  const rules = urls.filter(
    (u) =>
      (u.protocol === "override" || u.protocol === "absent") &&
      u.parameters.compatible_config === undefined &&
      Object.keys(u.parameters).some((k) => k !== "anyhost"),
  );
  return rules.sort(
    (a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0) || priority(a) - priority(b),
  );
}

function priority(rule: ServiceUrl): number {
  const n = Number.parseInt(rule.getParameter("priority", "0"), 10);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Applies `rules` (from `toConfigurators`) in order to `url` (AbstractConfigurator.configure for
 * each). On a consumer `url` is a provider URL already merged with the consumer's parameters
 * (`side=consumer`, the consumer's `application`); `localHost` is the consumer's own IP, the one it
 * registered.
 */
export function applyConfigurators(
  rules: readonly ServiceUrl[],
  url: ServiceUrl,
  localHost: string,
): ServiceUrl {
  let current = url;
  for (const rule of rules) current = applyConfigurator(rule, current, localHost);
  return current;
}

/**
 * One rule applied to `url` (AbstractConfigurator.configure, 2.7.23 and 3.3): a rule with
 * `enabled` other than `true` does nothing. A legacy rule (no `configVersion`, what dubbo-admin
 * and ops write under `/configurators`) with a port targets the provider at that port (host
 * `0.0.0.0` or equal to the URL's); without a port its host is a consumer IP or `0.0.0.0`: on a
 * consumer-side URL it applies when it is `0.0.0.0` or `localHost`, on a provider-side URL only
 * when it is `0.0.0.0`. A `configVersion` rule applies on the side its `side` names. Then
 * `providerAddresses`, `application` (the rule's, else its username; `*` for any), the service key
 * (`[group/]interface[:version]`, 3.3) and, for legacy rules, `application`, `side` and every
 * `~key` parameter (`*` for any) must match the URL; the rule's other parameters are then set
 * (`override://`) or filled in where missing (`absent://`).
 */
export function applyConfigurator(
  rule: ServiceUrl,
  url: ServiceUrl,
  localHost: string,
): ServiceUrl {
  if (!rule.getBoolean("enabled", true) || rule.host === "" || url.host === "") return url;
  const side = url.getParameter("side");
  if (rule.getParameter("configVersion") !== undefined) {
    const ruleSide = rule.getParameter("side");
    if (side !== ruleSide) return url;
    if (side === "consumer") return configureIfMatch(rule, url, localHost);
    if (side === "provider") return configureIfMatch(rule, url, url.host);
    return url;
  }
  if (rule.port !== 0) {
    return url.port === rule.port ? configureIfMatch(rule, url, url.host) : url;
  }
  if ((side ?? "provider") === "consumer") return configureIfMatch(rule, url, localHost);
  if ((side ?? "consumer") === "provider") return configureIfMatch(rule, url, ANYHOST);
  return url;
}

function configureIfMatch(rule: ServiceUrl, url: ServiceUrl, host: string): ServiceUrl {
  if (rule.host !== ANYHOST && rule.host !== host) return url;
  if (!matchesTarget(rule, url)) return url;
  const legacy = !rule.getParameter("configVersion")?.startsWith("v3.0");
  if (legacy && !matchesConditions(rule, url)) return url;
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(rule.parameters)) {
    if (CONDITION_KEYS.has(key) || key.startsWith("~")) continue;
    if (rule.protocol === "absent" && Object.hasOwn(url.parameters, key)) continue;
    set[key] = value;
  }
  return url.withParameters(set);
}

/** AbstractConfigurator.isV27ConditionMatchOrUnset (3.3): provider addresses, application, service. */
function matchesTarget(rule: ServiceUrl, url: ServiceUrl): boolean {
  const providers = rule.getParameter("providerAddresses");
  if (providers !== undefined) {
    const accepted = [
      url.address,
      url.host,
      ANYHOST,
      `${ANYHOST}:${ANY}`,
      `${ANYHOST}:${url.port}`,
    ];
    if (!providers.split(",").some((a) => accepted.includes(a.trim()))) return false;
  }
  const ruleApplication = rule.getParameter("application") ?? rule.username;
  if (
    ruleApplication !== undefined &&
    ruleApplication !== ANY &&
    ruleApplication !== (url.getParameter("application") ?? url.username)
  ) {
    return false;
  }
  const ruleKey = serviceKeyOf(rule);
  return ruleKey === ANY || ruleKey === serviceKeyOf(url);
}

function serviceKeyOf(url: ServiceUrl): string {
  return serviceKey(
    url.getParameter("interface") ?? url.path,
    url.getParameter("version"),
    url.getParameter("group"),
  );
}

/** AbstractConfigurator.isDeprecatedConditionMatch: `application`, `side` and `~key` must match. */
function matchesConditions(rule: ServiceUrl, url: ServiceUrl): boolean {
  for (const key of Object.keys(rule.parameters)) {
    const tilde = key.startsWith("~");
    if (!tilde && key !== "application" && key !== "side") continue;
    const value = rule.getParameter(key);
    if (value === undefined || value === ANY) continue;
    if (value !== url.getParameter(tilde ? key.slice(1) : key)) return false;
  }
  return true;
}
