import { describe, expect, it } from "vitest";
import { ServiceUrl } from "./service-url.js";
import { categoriesOf, categoryOf, isMatch, isMatchCategory } from "./url-match.js";

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

// The cases of Java's UrlUtilsTest (dubbo-common) for isMatch / isMatchCategory / isItemMatch.
describe("UrlUtilsTest cases", () => {
  const url = (text: string) => ServiceUrl.parse(text);

  it("testIsMatch: same interface, version and group", () => {
    expect(
      isMatch(
        url("dubbo://127.0.0.1:20880/com.xxx.XxxService?version=1.0.0&group=test"),
        url("http://127.0.0.1:8080/com.xxx.XxxService?version=1.0.0&group=test"),
      ),
    ).toBe(true);
  });

  it("testIsMatch2: another version", () => {
    expect(
      isMatch(
        url("dubbo://127.0.0.1:20880/com.xxx.XxxService?version=2.0.0&group=test"),
        url("http://127.0.0.1:8080/com.xxx.XxxService?version=1.0.0&group=test"),
      ),
    ).toBe(false);
  });

  it("testIsMatch3: another group", () => {
    expect(
      isMatch(
        url("dubbo://127.0.0.1:20880/com.xxx.XxxService?version=1.0.0&group=aa"),
        url("http://127.0.0.1:8080/com.xxx.XxxService?version=1.0.0&group=test"),
      ),
    ).toBe(false);
  });

  it("testIsMatch4: group *", () => {
    expect(
      isMatch(
        url("dubbo://127.0.0.1:20880/com.xxx.XxxService?version=1.0.0&group=*"),
        url("http://127.0.0.1:8080/com.xxx.XxxService?version=1.0.0&group=test"),
      ),
    ).toBe(true);
  });

  it("testIsMatch5: version *", () => {
    expect(
      isMatch(
        url("dubbo://127.0.0.1:20880/com.xxx.XxxService?version=*&group=test"),
        url("http://127.0.0.1:8080/com.xxx.XxxService?version=1.0.0&group=test"),
      ),
    ).toBe(true);
  });

  it("testIsItemMatch, as applied to version and classifier", () => {
    const c = (q: string) => url(`consumer://1.1.1.1/a.B?${q}`);
    const p = (q: string) => url(`dubbo://1.1.1.2:1/a.B?${q}`);
    // isItemMatch(null, null) / ("1", null) / (null, "1") / ("1", "1") / ("*", x)
    expect(isMatch(c(""), p(""))).toBe(true);
    expect(isMatch(c("version=1"), p(""))).toBe(false);
    expect(isMatch(c(""), p("version=1"))).toBe(false);
    expect(isMatch(c("version=1"), p("version=1"))).toBe(true);
    expect(isMatch(c("version=*"), p(""))).toBe(true);
    expect(isMatch(c("version=*"), p("version=1234"))).toBe(true);
    expect(isMatch(c("classifier=*"), p("classifier=x"))).toBe(true);
  });

  it("isMatchCategory: contains, *, and -x lists (a list holding * matches everything)", () => {
    expect(isMatchCategory("providers", "providers")).toBe(true);
    expect(isMatchCategory("providers", "*")).toBe(true);
    expect(isMatchCategory("providers", "-providers,*")).toBe(true);
    expect(isMatchCategory("providers", "-routers")).toBe(true);
    expect(isMatchCategory("providers", "-providers")).toBe(false);
    expect(isMatchCategory("providers", "")).toBe(true);
    expect(isMatchCategory("routers", "")).toBe(false);
  });

  it("group lists are comma-split with spaces trimmed (StringUtils.isContains)", () => {
    const c = url("consumer://1.1.1.1/a.B?group=g1 , g2");
    expect(isMatch(c, url("dubbo://1.1.1.2:1/a.B?group=g2"))).toBe(true);
    expect(isMatch(c, url("dubbo://1.1.1.2:1/a.B?group=g3"))).toBe(false);
  });

  it("categoryOf: the parameter, else by protocol", () => {
    expect(categoryOf(url("dubbo://1.1.1.2:1/a.B"))).toBe("providers");
    expect(categoryOf(url("override://0.0.0.0/a.B?disabled=true"))).toBe("configurators");
    expect(categoryOf(url("condition://0.0.0.0/a.B?rule=x"))).toBe("routers");
    expect(categoryOf(url("empty://1.1.1.1/a.B?category=routers"))).toBe("routers");
  });
});
