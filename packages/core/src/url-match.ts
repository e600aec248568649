import type { ServiceUrl } from "./service-url.js";

/** The category a URL without `category=` belongs to (`RegistryConstants.DEFAULT_CATEGORY`). */
export const DEFAULT_CATEGORY = "providers";

/** What `category=*` means when subscribing (`ZookeeperRegistry.toCategoriesPath`). */
const ALL_CATEGORIES = ["providers", "consumers", "routers", "configurators"];

/**
 * `UrlUtils.isMatchCategory`: an empty consumer list means `providers`; `*` means all; a list
 * with `-x` entries means "all but x"; otherwise the category must be in the list. Java tests
 * with `String.contains` on the raw list; splitting on commas is the same for real category names
 * and avoids `providers` matching `xproviders`.
 */
export function isMatchCategory(category: string, categories: string | undefined): boolean {
  if (categories === undefined || categories === "") return category === DEFAULT_CATEGORY;
  const list = categories.split(",").map((c) => c.trim());
  if (list.includes("*")) return true;
  if (list.some((c) => c.startsWith("-"))) return !list.includes(`-${category}`);
  return list.includes(category);
}

/** `URL.getServiceInterface()`: the `interface` parameter, else the path. */
export function serviceInterface(url: ServiceUrl): string {
  return url.getParameter("interface") ?? url.path;
}

/**
 * Java's `UrlUtils.isMatch(consumerUrl, providerUrl)` (dubbo-registry-api UrlUtils.java): interfaces equal
 * or either is `*`; the provider's category in the consumer's list; the provider not
 * `enabled=false` unless the consumer asks for `enabled=*`; the consumer's group `*`, equal, or a
 * comma list containing the provider's; the consumer's version `*` or equal; classifiers likewise.
 */
export function isMatch(consumer: ServiceUrl, provider: ServiceUrl): boolean {
  const ci = serviceInterface(consumer);
  const pi = serviceInterface(provider);
  if (!(ci === "*" || pi === "*" || ci === pi)) return false;
  if (
    !isMatchCategory(
      provider.getParameter("category", DEFAULT_CATEGORY),
      consumer.getParameter("category", DEFAULT_CATEGORY),
    )
  ) {
    return false;
  }
  if (!provider.getBoolean("enabled", true) && consumer.getParameter("enabled") !== "*") {
    return false;
  }
  const consumerGroup = consumer.getParameter("group");
  const providerGroup = provider.getParameter("group");
  const groupOk =
    consumerGroup === "*" ||
    consumerGroup === providerGroup ||
    (consumerGroup !== undefined &&
      providerGroup !== undefined &&
      consumerGroup.split(",").some((g) => g.trim() === providerGroup));
  if (!groupOk) return false;
  const consumerVersion = consumer.getParameter("version");
  if (!(consumerVersion === "*" || consumerVersion === provider.getParameter("version"))) {
    return false;
  }
  const consumerClassifier = consumer.getParameter("classifier", "*");
  return (
    consumerClassifier === "*" || consumerClassifier === provider.getParameter("classifier", "*")
  );
}

/** The categories a subscription URL watches: its `category` list, `*` for all, default `providers`. */
export function categoriesOf(url: ServiceUrl): string[] {
  const raw = url.getParameter("category");
  if (raw === undefined) return [DEFAULT_CATEGORY];
  const list = raw
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "" && !c.startsWith("-"));
  if (list.includes("*")) return [...ALL_CATEGORIES];
  return list.length > 0 ? [...new Set(list)] : [DEFAULT_CATEGORY];
}

/**
 * The `empty://` URL Java notifies when a category has no matching URL
 * (`CacheableFailbackRegistry.toUrlsWithEmpty`): the consumer URL with protocol `empty` and
 * `category=<that category>`.
 */
export function emptyUrl(consumer: ServiceUrl, category: string): ServiceUrl {
  return consumer.with({ protocol: "empty" }).withParameters({ category });
}

/** True for the `empty://` placeholder of a category. */
export function isEmptyUrl(url: ServiceUrl): boolean {
  return url.protocol === "empty";
}

/** The category of a notified URL: its `category` parameter, else by protocol (RegistryDirectory). */
export function categoryOf(url: ServiceUrl): string {
  const category = url.getParameter("category");
  if (category) return category;
  if (url.protocol === "override") return "configurators";
  if (url.protocol === "route" || url.protocol === "condition" || url.protocol === "script")
    return "routers";
  return DEFAULT_CATEGORY;
}
