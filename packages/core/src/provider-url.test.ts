import { describe, expect, it } from "vitest";
import { buildConsumerUrl, buildProviderUrl } from "./provider-url.js";
import { ServiceUrl } from "./service-url.js";

describe("buildProviderUrl", () => {
  it("writes the parameters Java 2.7 registers, sorted, for docs/wire-format.md's example", () => {
    const url = buildProviderUrl({
      host: "10.0.0.5",
      port: 20880,
      interface: "org.apache.dubbo.demo.DemoService",
      methods: ["sayHelloAsync", "sayHello"],
      application: "demo-provider",
      pid: 4242,
      release: "2.7.23",
      timestamp: 1700000000000,
    });
    expect(url.toFullString()).toBe(
      "dubbo://10.0.0.5:20880/org.apache.dubbo.demo.DemoService?anyhost=true&application=demo-provider&deprecated=false&dubbo=2.0.2&dynamic=true&generic=false&interface=org.apache.dubbo.demo.DemoService&methods=sayHello,sayHelloAsync&pid=4242&release=2.7.23&side=provider&timestamp=1700000000000",
    );
  });

  it("adds version, group and tuning keys only when given, and lets parameters remove keys", () => {
    const url = buildProviderUrl({
      host: "127.0.0.1",
      port: 30001,
      interface: "a.B",
      methods: [],
      application: "app",
      version: "1.0.0",
      group: "g1",
      timeout: 3000,
      weight: 50,
      parameters: { pid: undefined, "sayHello.timeout": 500 },
    });
    expect(url.parameters).toMatchObject({
      methods: "*",
      version: "1.0.0",
      group: "g1",
      timeout: "3000",
      weight: "50",
      "sayHello.timeout": "500",
    });
    expect(url.parameters.pid).toBeUndefined();
    expect(url.parameters.retries).toBeUndefined();
    expect(url.serviceKey).toBe("g1/a.B:1.0.0");
  });

  it("rejects a missing interface and an invalid port at once", () => {
    const base = { host: "127.0.0.1", port: 1, methods: [], application: "a", interface: "a.B" };
    expect(() => buildProviderUrl({ ...base, interface: " " })).toThrow(TypeError);
    expect(() => buildProviderUrl({ ...base, port: 0 })).toThrow(RangeError);
    expect(() => buildProviderUrl({ ...base, port: 70000 })).toThrow(/1\.\.65535/);
  });
});

describe("buildConsumerUrl", () => {
  it("writes Java's consumer:// registration URL", () => {
    const url = buildConsumerUrl({
      host: "10.0.0.9",
      interface: "org.apache.dubbo.demo.DemoService",
      application: "demo-consumer",
      methods: ["sayHello"],
      pid: 7,
      timestamp: 1700000000001,
    });
    expect(url.toFullString()).toBe(
      "consumer://10.0.0.9/org.apache.dubbo.demo.DemoService?application=demo-consumer&category=consumers&check=false&dubbo=2.0.2&interface=org.apache.dubbo.demo.DemoService&methods=sayHello&pid=7&release=2.7.23&side=consumer&timestamp=1700000000001",
    );
    expect(ServiceUrl.encode(url.toFullString())).toContain("consumer%3A%2F%2F10.0.0.9%2F");
  });
});
