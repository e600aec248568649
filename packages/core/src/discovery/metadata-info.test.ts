import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ServiceUrl } from "../service-url.js";
import {
  buildKey,
  computeRevision,
  createMetadataInfo,
  matchKey,
  metadataInfoJson,
  serviceInfoOf,
  toMetadataInfo,
} from "./metadata-info.js";

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

const provider = ServiceUrl.parse(
  "dubbo://10.0.0.1:20880/com.x.Foo?interface=com.x.Foo&version=1.0.0&group=g&methods=a,b&pid=42&timestamp=1700000000000&side=provider&qos.port=22222&sayHello.timeout=300&bind.ip=0.0.0.0&application=app",
);

describe("serviceInfoOf (DefaultMetadataParamsFilter)", () => {
  it("drops per-process keys and keeps the rest, method keys included", () => {
    const info = serviceInfoOf(provider);
    expect(info).toMatchObject({
      name: "com.x.Foo",
      group: "g",
      version: "1.0.0",
      protocol: "dubbo",
      port: 20880,
      path: "com.x.Foo",
    });
    expect(Object.keys(info.params).sort()).toEqual([
      "application",
      "group",
      "interface",
      "methods",
      "sayHello.timeout",
      "side",
      "version",
    ]);
  });

  it("keys services by group/interface:version:protocol", () => {
    expect(matchKey(serviceInfoOf(provider))).toBe("g/com.x.Foo:1.0.0:dubbo");
    expect(buildKey("com.x.Foo")).toBe("com.x.Foo");
  });
});

describe("computeRevision (MetadataInfo.calAndGetRevision)", () => {
  it("hashes app + matchKey + port + path + TreeMap(params) in matchKey order", () => {
    const a = { name: "x.A", protocol: "dubbo", port: 1, path: "x.A", params: { b: "2", a: "1" } };
    const b = { name: "x.B", version: "2", protocol: "dubbo", port: 1, path: "x.B", params: {} };
    const expected = md5("appx.A:dubbo1x.A{a=1, b=2}x.B:2:dubbo1x.B{}");
    expect(computeRevision("app", [b, a])).toBe(expected);
    expect(computeRevision("app", [a, b])).toBe(expected);
  });

  it("is the revision of createMetadataInfo and survives the report's JSON", () => {
    const info = createMetadataInfo("app", [provider]);
    expect(info.revision).toBe(computeRevision("app", Object.values(info.services)));
    const back = toMetadataInfo(JSON.parse(metadataInfoJson(info)), "test");
    expect(back).toEqual(info);
  });

  it("reads a hessian2-decoded MetadataInfo whose maps are Maps", () => {
    const info = createMetadataInfo("app", [provider]);
    const decoded = {
      app: "app",
      revision: info.revision,
      services: new Map(
        Object.entries(info.services).map(([k, s]) => [
          k,
          { ...s, params: new Map(Object.entries(s.params)) },
        ]),
      ),
    };
    expect(toMetadataInfo(decoded, "test")).toEqual(info);
  });

  it("rejects what is not a MetadataInfo, naming where it came from", () => {
    expect(() => toMetadataInfo(null, "MetadataService of h:1")).toThrow(
      /MetadataService of h:1: expected a MetadataInfo/,
    );
  });
});

describe("instanceProviderUrls (InstanceAddressURL)", () => {
  it("puts the service at the instance's address and endpoint port, with the instance timestamp", async () => {
    const { instanceProviderUrls } = await import("./service-discovery-directory.js");
    const info = createMetadataInfo("app", [provider]);
    const [url, ...rest] = instanceProviderUrls(
      {
        name: "app",
        host: "10.0.0.9",
        port: 1,
        metadata: {
          "dubbo.endpoints": '[{"port":20881,"protocol":"dubbo"}]',
          timestamp: "1700000000001",
        },
      },
      info,
      "com.x.Foo",
    );
    expect(rest).toEqual([]);
    expect(url!.address).toBe("10.0.0.9:20881");
    expect(url!.path).toBe("com.x.Foo");
    expect(url!.parameters).toMatchObject({
      group: "g",
      version: "1.0.0",
      "sayHello.timeout": "300",
      timestamp: "1700000000001",
    });
  });
});
