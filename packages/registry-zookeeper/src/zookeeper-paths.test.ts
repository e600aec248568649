import { buildConsumerUrl, buildProviderUrl } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { categoryPath, parentPath, servicePath, urlPath } from "./zookeeper-paths.js";

// docs/wire-format.md's 2.7 provider URL, encoded by hand as java.net.URLEncoder does it.
const JAVA_NODE =
  "dubbo%3A%2F%2F10.0.0.5%3A20880%2Forg.apache.dubbo.demo.DemoService%3Fanyhost%3Dtrue%26application%3Ddemo-provider%26deprecated%3Dfalse%26dubbo%3D2.0.2%26dynamic%3Dtrue%26generic%3Dfalse%26interface%3Dorg.apache.dubbo.demo.DemoService%26methods%3DsayHello%2CsayHelloAsync%26pid%3D4242%26release%3D2.7.23%26side%3Dprovider%26timestamp%3D1700000000000";

describe("zookeeper paths", () => {
  const provider = buildProviderUrl({
    host: "10.0.0.5",
    port: 20880,
    interface: "org.apache.dubbo.demo.DemoService",
    methods: ["sayHelloAsync", "sayHello"],
    application: "demo-provider",
    pid: 4242,
    timestamp: 1700000000000,
  });

  it("names a provider node exactly as Java's ZookeeperRegistry.toUrlPath", () => {
    expect(urlPath("/dubbo", provider)).toBe(
      `/dubbo/org.apache.dubbo.demo.DemoService/providers/${JAVA_NODE}`,
    );
  });

  it("puts consumer URLs under /consumers", () => {
    const consumer = buildConsumerUrl({
      host: "10.0.0.9",
      interface: "org.apache.dubbo.demo.DemoService",
      application: "c",
      pid: 1,
      timestamp: 2,
    });
    expect(urlPath("/dubbo", consumer)).toMatch(
      /^\/dubbo\/org\.apache\.dubbo\.demo\.DemoService\/consumers\/consumer%3A%2F%2F10\.0\.0\.9%2F/,
    );
  });

  it("encodes node names as java.net.URLEncoder (UTF-8) does", () => {
    const url = buildProviderUrl({
      host: "10.0.0.5",
      port: 30001,
      interface: "a.B",
      methods: ["x", "y"],
      application: "app name~é*!",
      pid: 1,
      timestamp: 2,
      parameters: { "x.y": "a/b;c(d)'" },
    });
    const name = urlPath("/dubbo", url).split("/").at(-1)!;
    expect(name).toContain("application%3Dapp+name%7E%C3%A9*%21");
    expect(name).toContain("methods%3Dx%2Cy");
    expect(name).toContain("x.y%3Da%2Fb%3Bc%28d%29%27");
    expect(name).not.toMatch(/[^A-Za-z0-9.*_+%-]/);
  });

  it("honours the root group, including /", () => {
    expect(servicePath("/rpc", provider)).toBe("/rpc/org.apache.dubbo.demo.DemoService");
    expect(categoryPath("/", provider, "routers")).toBe(
      "/org.apache.dubbo.demo.DemoService/routers",
    );
    expect(parentPath("/a/b/c")).toBe("/a/b");
    expect(parentPath("/a")).toBe("/");
  });
});
