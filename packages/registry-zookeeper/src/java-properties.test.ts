import { ServiceUrl } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { loadProperties, storeProperties } from "./java-properties.js";

// Written by Java Dubbo 2.7.23 (AbstractRegistry.saveProperties) for a provider's configurator
// subscriptions during an interop run: a golden sample of the cache file format.
const JAVA_CACHE = String.raw`#Dubbo Registry Cache
#Wed Nov 25 17:20:19 UTC 2026
com.jd.interop.TypeMatrixService\:1.0.0=empty\://127.0.0.1\:44880/com.jd.interop.TypeMatrixService?anyhost\=true&application\=interop-java-provider-2.7.23&bind.ip\=127.0.0.1&bind.port\=44880&category\=configurators&check\=false&deprecated\=false&dubbo\=2.0.2&dynamic\=true&generic\=false&interface\=com.jd.interop.TypeMatrixService&logger\=slf4j&metadata-type\=remote&methods\=whoAmI,echoBrandList,echoIntArray,echoDouble,echoPage,returnZero,sleep,echoEnum,returnFalse,echoLong,add,echoAttachment,returnNull,echoInteger,echoBoolean,echoDate,echoString,echoStringArray,fail,echoObjectMap,makePage,echoLongBoxed,echoBigDecimal,failRuntime,echoInt,returnEmptyString,echoBrandMap,describe&pid\=21630&qos.enable\=false&release\=2.7.23&revision\=1.0.0&service.name\=ServiceBean\:/com.jd.interop.TypeMatrixService\:1.0.0&side\=provider&timestamp\=1795627218906&version\=1.0.0
com.jd.sellergoods.service.BrandService\:1.0.0=empty\://127.0.0.1\:44880/com.jd.sellergoods.service.BrandService?anyhost\=true&application\=interop-java-provider-2.7.23&bind.ip\=127.0.0.1&bind.port\=44880&category\=configurators&check\=false&deprecated\=false&dubbo\=2.0.2&dynamic\=true&generic\=false&interface\=com.jd.sellergoods.service.BrandService&logger\=slf4j&metadata-type\=remote&methods\=add,search,findOne,update,findPage,delete,findAll&pid\=21630&qos.enable\=false&release\=2.7.23&revision\=1.0.0&service.name\=ServiceBean\:/com.jd.sellergoods.service.BrandService\:1.0.0&side\=provider&timestamp\=1795627219235&version\=1.0.0
`;

describe("java properties", () => {
  it("reads a cache file Java Dubbo wrote, and writes it back byte for byte", () => {
    const entries = loadProperties(JAVA_CACHE);
    expect([...entries.keys()]).toEqual([
      "com.jd.interop.TypeMatrixService:1.0.0",
      "com.jd.sellergoods.service.BrandService:1.0.0",
    ]);
    const url = ServiceUrl.parse(entries.get("com.jd.sellergoods.service.BrandService:1.0.0")!);
    expect(url.protocol).toBe("empty");
    expect(url.address).toBe("127.0.0.1:44880");
    expect(url.parameters).toMatchObject({
      category: "configurators",
      "service.name": "ServiceBean:/com.jd.sellergoods.service.BrandService:1.0.0",
      version: "1.0.0",
    });
    const [comment, date, ...lines] = JAVA_CACHE.split("\n");
    const ours = storeProperties(entries, comment!.slice(1)).split("\n");
    expect(ours[0]).toBe(comment);
    expect(ours[1]).toMatch(/^#\w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}$/);
    expect(date).toMatch(/^#\w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}$/);
    expect(ours.slice(2)).toEqual(lines);
  });

  it("writes the header and escapes as Properties.store does", () => {
    const text = storeProperties(
      new Map([
        ["g/a.B:1.0.0", "dubbo://1.2.3.4:5/a.B?x=1&y=a b empty://0.0.0.0/a.B?category=routers"],
        ["k ey#", " lead=é"],
      ]),
      "Dubbo Registry Cache",
      new Date(Date.UTC(2024, 0, 1, 2, 3, 4)),
    );
    expect(text).toBe(
      [
        "#Dubbo Registry Cache",
        "#Mon Jan 01 02:03:04 UTC 2024",
        "g/a.B\\:1.0.0=dubbo\\://1.2.3.4\\:5/a.B?x\\=1&y\\=a b empty\\://0.0.0.0/a.B?category\\=routers",
        "k\\ ey\\#=\\ lead\\=\\u00E9",
        "",
      ].join("\n"),
    );
  });

  it("reads back what it writes", () => {
    const entries = new Map([
      ["a.B", "dubbo://1.2.3.4:5/a.B?x=1:2#!\\"],
      ["sp ace", "\t tab\nline"],
      ["uni", "ünï"],
    ]);
    expect(loadProperties(storeProperties(entries, "c"))).toEqual(entries);
  });

  it("reads Java's other separators, comments and continuation lines", () => {
    const text = "# c\n! c\n  a = 1\nb:2\nc 3\nd=x\\\n   y\\\\\ne\n";
    expect(Object.fromEntries(loadProperties(text))).toEqual({
      a: "1",
      b: "2",
      c: "3",
      d: "xy\\",
      e: "",
    });
  });

  it("rejects a malformed \\u escape", () => {
    expect(() => loadProperties("a=\\u12G4")).toThrow(TypeError);
  });
});
