import { describe, expect, it } from "vitest";
import { fromCuratorJson, toCuratorJson, ZOOKEEPER_INSTANCE_CLASS } from "./curator-instance.js";

describe("Curator ServiceInstance JSON", () => {
  const instance = {
    name: "app",
    host: "127.0.0.1",
    port: 20880,
    metadata: { "dubbo.metadata.revision": "abc", "meta-v": "1.0.0" },
  };

  it("writes Curator's fields with Dubbo's ZookeeperInstance payload", () => {
    const json = JSON.parse(toCuratorJson(instance, 1700000000000));
    expect(json).toEqual({
      name: "app",
      id: "127.0.0.1:20880",
      address: "127.0.0.1",
      port: 20880,
      sslPort: null,
      payload: {
        "@class": ZOOKEEPER_INSTANCE_CLASS,
        id: "127.0.0.1:20880",
        name: "app",
        metadata: instance.metadata,
      },
      registrationTimeUTC: 1700000000000,
      serviceType: "DYNAMIC",
      uriSpec: null,
    });
  });

  it("reads it back, and ignores data that is not an instance", () => {
    expect(fromCuratorJson(toCuratorJson(instance, 1))).toEqual(instance);
    expect(fromCuratorJson("127.0.0.1")).toBeUndefined();
    expect(fromCuratorJson('{"name":"x"}')).toBeUndefined();
  });
});
