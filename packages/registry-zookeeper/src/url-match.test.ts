import { ServiceUrl } from "@dubbo-ts/core";
import { describe, expect, it } from "vitest";
import {
  categoriesOf,
  isMatch,
  isMatchCategory,
  toUrlsWithEmpty,
  toUrlsWithoutEmpty,
} from "./url-match.js";

const consumer = (params: Record<string, string> = {}) =>
  new ServiceUrl({
    protocol: "consumer",
    host: "10.0.0.9",
    path: "a.B",
    parameters: { interface: "a.B", category: "providers", ...params },
  });
const provider = (params: Record<string, string> = {}, path = "a.B") =>
  new ServiceUrl({
    protocol: "dubbo",
    host: "10.0.0.5",
    port: 30001,
    path,
    parameters: { interface: path, side: "provider", ...params },
  });

describe("isMatch (UrlUtils.isMatch)", () => {
  it("needs equal interfaces unless one side is *", () => {
    expect(isMatch(consumer(), provider())).toBe(true);
    expect(isMatch(consumer(), provider({}, "a.C"))).toBe(false);
    expect(isMatch(consumer({ interface: "*" }), provider({}, "a.C"))).toBe(true);
    expect(isMatch(consumer(), provider({ interface: "*" }))).toBe(true);
  });

  it("matches versions exactly or by *", () => {
    expect(isMatch(consumer({ version: "1.0.0" }), provider({ version: "1.0.0" }))).toBe(true);
    expect(isMatch(consumer({ version: "1.0.0" }), provider({ version: "2.0.0" }))).toBe(false);
    expect(isMatch(consumer({ version: "1.0.0" }), provider())).toBe(false);
    expect(isMatch(consumer(), provider({ version: "1.0.0" }))).toBe(false);
    expect(isMatch(consumer({ version: "*" }), provider({ version: "2.0.0" }))).toBe(true);
    expect(isMatch(consumer({ version: "*" }), provider())).toBe(true);
  });

  it("matches groups exactly, by *, or by a comma list", () => {
    expect(isMatch(consumer({ group: "g1" }), provider({ group: "g1" }))).toBe(true);
    expect(isMatch(consumer({ group: "g1" }), provider({ group: "g2" }))).toBe(false);
    expect(isMatch(consumer({ group: "g1" }), provider())).toBe(false);
    expect(isMatch(consumer(), provider({ group: "g1" }))).toBe(false);
    expect(isMatch(consumer({ group: "*" }), provider({ group: "g9" }))).toBe(true);
    expect(isMatch(consumer({ group: "g1,g2" }), provider({ group: "g2" }))).toBe(true);
    expect(isMatch(consumer({ group: "g1,g2" }), provider({ group: "g3" }))).toBe(false);
  });

  it("drops enabled=false providers unless the consumer asks for enabled=*", () => {
    expect(isMatch(consumer(), provider({ enabled: "false" }))).toBe(false);
    expect(isMatch(consumer(), provider({ enabled: "true" }))).toBe(true);
    expect(isMatch(consumer({ enabled: "*" }), provider({ enabled: "false" }))).toBe(true);
  });

  it("checks the provider's category against the consumer's list", () => {
    const c = consumer({ category: "providers,configurators,routers" });
    expect(isMatch(c, provider())).toBe(true);
    expect(isMatch(c, provider({ category: "configurators" }))).toBe(true);
    expect(isMatch(c, provider({ category: "consumers" }))).toBe(false);
    expect(isMatch(consumer({ category: "configurators" }), provider())).toBe(false);
  });

  it("matches classifiers when the consumer names one", () => {
    expect(isMatch(consumer({ classifier: "x" }), provider({ classifier: "x" }))).toBe(true);
    expect(isMatch(consumer({ classifier: "x" }), provider({ classifier: "y" }))).toBe(false);
    expect(isMatch(consumer(), provider({ classifier: "y" }))).toBe(true);
  });
});

describe("isMatchCategory and categoriesOf", () => {
  it("follows Java's rules for empty, *, lists and -exclusions", () => {
    expect(isMatchCategory("providers", undefined)).toBe(true);
    expect(isMatchCategory("routers", undefined)).toBe(false);
    expect(isMatchCategory("routers", "*")).toBe(true);
    expect(isMatchCategory("routers", "providers,routers")).toBe(true);
    expect(isMatchCategory("routers", "-routers")).toBe(false);
    expect(isMatchCategory("providers", "-routers")).toBe(true);
    expect(isMatchCategory("providers", "xproviders")).toBe(false);
  });

  it("lists the categories a subscription watches", () => {
    expect(categoriesOf(consumer({ category: "" }))).toEqual(["providers"]);
    expect(categoriesOf(consumer({ category: "providers,configurators,routers" }))).toEqual([
      "providers",
      "configurators",
      "routers",
    ]);
    expect(categoriesOf(consumer({ category: "*" }))).toEqual([
      "providers",
      "consumers",
      "routers",
      "configurators",
    ]);
  });
});

describe("toUrlsWithEmpty", () => {
  const node = (u: ServiceUrl) => ServiceUrl.encode(u.toFullString());

  it("decodes matching children, sorted, and skips names that are not URLs", () => {
    const p1 = provider({ version: "1.0.0", timestamp: "2" });
    const p2 = provider({ version: "1.0.0", timestamp: "1" });
    const other = provider({ version: "2.0.0" });
    const urls = toUrlsWithoutEmpty(consumer({ version: "1.0.0" }), [
      node(p1),
      "garbage",
      node(other),
      node(p2),
      "dubbo%3A%2F%2F%ZZ",
    ]);
    expect(urls.map((u) => u.toFullString())).toEqual(
      [node(p1), node(p2)].sort().map((n) => ServiceUrl.decode(n)),
    );
  });

  it("returns one empty:// URL carrying the category when nothing matches", () => {
    const c = consumer({ category: "providers,configurators", version: "1.0.0" });
    const [only, ...rest] = toUrlsWithEmpty(c, "configurators", [node(provider())]);
    expect(rest).toEqual([]);
    expect(only!.protocol).toBe("empty");
    expect(only!.parameters.category).toBe("configurators");
    expect(only!.parameters.version).toBe("1.0.0");
    expect(only!.path).toBe("a.B");
  });
});
