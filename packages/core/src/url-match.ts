import type { ServiceUrl } from "./service-url.js";

function categoryMatches(category: string, categories: string | undefined): boolean {
  if (categories === undefined) return category === "providers";
  const list = categories.split(",").map((s) => s.trim());
  if (list.includes("*")) return true;
  if (list.includes(`-${category}`)) return false;
  return list.includes(category);
}

/**
 * Whether a registry URL belongs to a consumer's subscription (UrlUtils.isMatch): same interface
 * (or `*`), a subscribed category, not `enabled=false`, and matching group (consumer `*`, equal, or
 * in its comma list), version (consumer `*` or equal) and classifier.
 */
export function isMatch(consumer: ServiceUrl, provider: ServiceUrl): boolean {
  const ci = consumer.getParameter("interface") ?? consumer.path;
  const pi = provider.getParameter("interface") ?? provider.path;
  if (!(ci === "*" || pi === "*" || ci === pi)) return false;
  if (
    !categoryMatches(
      provider.getParameter("category", "providers"),
      consumer.getParameter("category"),
    )
  ) {
    return false;
  }
  if (provider.getParameter("enabled") === "false" && consumer.getParameter("enabled") !== "*") {
    return false;
  }
  const cg = consumer.getParameter("group");
  const pg = provider.getParameter("group");
  if (
    !(
      cg === "*" ||
      cg === pg ||
      (cg !== undefined && pg !== undefined && cg.split(",").includes(pg))
    )
  ) {
    return false;
  }
  const cv = consumer.getParameter("version");
  if (!(cv === "*" || cv === provider.getParameter("version"))) return false;
  const cc = consumer.getParameter("classifier");
  return cc === undefined || cc === "*" || cc === provider.getParameter("classifier");
}

/** The category of a notified URL: its `category` parameter, else by protocol (RegistryDirectory). */
export function categoryOf(url: ServiceUrl): string {
  const category = url.getParameter("category");
  if (category) return category;
  if (url.protocol === "override") return "configurators";
  if (url.protocol === "route" || url.protocol === "condition" || url.protocol === "script")
    return "routers";
  return "providers";
}
