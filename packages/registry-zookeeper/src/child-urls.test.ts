import { ServiceUrl } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { toUrlsWithEmpty, toUrlsWithoutEmpty } from "./child-urls.js";

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
