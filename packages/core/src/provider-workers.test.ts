import { describe, expect, it } from "vitest";
import { resolveConfig } from "./config/resolve-config.js";
import { claimProviderRole, exportedPorts, serviceToken } from "./provider-workers.js";
import { ServiceUrl } from "./service-url.js";

const config = (workers: number) => resolveConfig({ code: { name: "a", protocol: { workers } } });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("provider workers: roles and tokens", () => {
  it("serves in this process with one worker, and tokens stay random", () => {
    expect(claimProviderRole(config(1))).toBe("single");
    expect(serviceToken("dubbo:a.B::")).not.toBe(serviceToken("dubbo:a.B::"));
  });

  it("makes the first provider application with workers the primary, and refuses a second", () => {
    expect(claimProviderRole(config(2))).toBe("primary");
    expect(() => claimProviderRole(config(3))).toThrow(
      /protocol\.workers \(3\): another application of this process already runs provider workers/,
    );
    expect(claimProviderRole(config(1))).toBe("single");
  });

  it("derives the same token for a service in the primary and its workers (one seed)", () => {
    const token = serviceToken("dubbo:a.B:g:1.0.0");
    expect(token).toMatch(UUID);
    expect(serviceToken("dubbo:a.B:g:1.0.0")).toBe(token);
    expect(serviceToken("dubbo:a.C:g:1.0.0")).not.toBe(token);
  });

  it("reports each protocol's port once", () => {
    const url = (u: string) => ({ url: ServiceUrl.parse(u) });
    expect(
      exportedPorts([url("dubbo://h:20880/a.B"), url("tri://h:50051/a.B"), url("dubbo://h:1/a.C")]),
    ).toEqual({ dubbo: 20880, tri: 50051 });
  });
});
