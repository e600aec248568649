import { describe, expect, it } from "vitest";
import { parseRegistryAddress, toConnectString } from "./registry-address.js";
import { resolveOptions } from "./registry-options.js";

const servers = (...list: [string, number][]) => list.map(([host, port]) => ({ host, port }));

describe("parseRegistryAddress", () => {
  it("splits a zookeeper:// comma list into servers", () => {
    const a = parseRegistryAddress("zookeeper://h1:2181,h2:2182,h3:2183");
    expect(a.servers).toEqual(servers(["h1", 2181], ["h2", 2182], ["h3", 2183]));
    expect(a.root).toBe("/dubbo");
    expect(a.chroot).toBeUndefined();
    expect(a.javaAddress).toBe("h1:2181,h2:2182,h3:2183");
    expect(toConnectString(a)).toBe("h1:2181,h2:2182,h3:2183");
  });

  it("appends ?backup= servers after the main one, as URL.getBackupAddress does", () => {
    const a = parseRegistryAddress("zookeeper://h1:2181?backup=h2:2182,h3:2183");
    expect(a.servers).toEqual(servers(["h1", 2181], ["h2", 2182], ["h3", 2183]));
    expect(a.javaAddress).toBe("h1:2181");
  });

  it("takes a plain connect string with an optional chroot", () => {
    const a = parseRegistryAddress("10.0.0.1:2181,10.0.0.2:2182/apps/dubbo");
    expect(a.servers).toEqual(servers(["10.0.0.1", 2181], ["10.0.0.2", 2182]));
    expect(a.chroot).toBe("/apps/dubbo");
    expect(toConnectString(a)).toBe("10.0.0.1:2181,10.0.0.2:2182/apps/dubbo");
  });

  it("defaults a missing port to 2181", () => {
    expect(parseRegistryAddress("zk1,zk2:2999").servers).toEqual(
      servers(["zk1", 2181], ["zk2", 2999]),
    );
  });

  it("reads credentials, chroot, group and parameters", () => {
    const a = parseRegistryAddress(
      "zookeeper://alice:s%40cret@h1:2181/tenant-a?group=rpc&session=20000&timeout=3000",
    );
    expect(a.username).toBe("alice");
    expect(a.password).toBe("s@cret");
    expect(a.chroot).toBe("/tenant-a");
    expect(a.root).toBe("/rpc");
    expect(a.parameters).toMatchObject({ session: "20000", timeout: "3000" });
  });

  it("ignores the RegistryService path Java puts in registry URLs", () => {
    const a = parseRegistryAddress(
      "zookeeper://h1:2181/org.apache.dubbo.registry.RegistryService?backup=h2:2181",
    );
    expect(a.chroot).toBeUndefined();
    expect(a.servers).toHaveLength(2);
  });

  it.each([
    ["", "empty"],
    ["nacos://h1:8848", "is not zookeeper://"],
    ["zookeeper://h1:2181|zookeeper://h2:2181", "several registries"],
    ["zookeeper://h1:2181;h2:2181", "several registries"],
    ["zookeeper://h1:2181,,h2:2181", "empty server entry"],
    ["zookeeper://h1:99999", "not in 1..65535"],
    ["zookeeper://h1:abc", "not in 1..65535"],
    ["zookeeper://h_1:2181", "not a host name"],
    ["zookeeper://a@b@h1:2181", "more than one @"],
    ["zookeeper://user@h1:2181", "user:password@"],
    ["zookeeper://h1:2181\\@evil:2181", "backslashes"],
    ["zookeeper://h1:2181?backup=h1:2181", "listed twice"],
    ["zookeeper://h1:2181/a//b", "must look like /a/b"],
    ["h1:2181?group=x", "need the zookeeper:// form"],
    ["zookeeper://[::1]:2181", "IPv6"],
    ["zookeeper://", "no ZooKeeper server"],
  ])("rejects %j with a TypeError that says why and lists the accepted forms", (address, why) => {
    let error: unknown;
    try {
      parseRegistryAddress(address);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TypeError);
    const message = (error as Error).message;
    expect(message).toContain(why);
    expect(message).toContain("Accepted forms:");
    expect(message).toContain("zookeeper://h1:2181?backup=h2:2182,h3:2183");
    expect(message).toContain("zookeeper://h1:2181,h2:2182,h3:2183");
  });
});

describe("resolveOptions", () => {
  it("applies Java's defaults and the address parameters", () => {
    const o = resolveOptions({ address: "zookeeper://h1:2181?session=20000", application: "app" });
    expect(o).toMatchObject({
      connectString: "h1:2181",
      root: "/dubbo",
      sessionTimeout: 20000,
      connectTimeout: 5000,
      retryPeriod: 5000,
      emptyProtection: false,
      check: false,
      digest: undefined,
    });
    expect(o.cacheFile).toMatch(/[/\\]\.dubbo[/\\]dubbo-registry-app-h1-2181\.cache$/);
  });

  it("lets explicit options win over address parameters", () => {
    const o = resolveOptions({
      address: "zookeeper://u:p@h1:2181?group=g&enable-empty-protection=true&file=/tmp/x.cache",
      emptyProtection: false,
      root: "/other",
      chroot: "/c",
      cacheFile: false,
    });
    expect(o).toMatchObject({
      root: "/other",
      emptyProtection: false,
      cacheFile: undefined,
      digest: "u:p",
      connectString: "h1:2181/c",
    });
  });

  it("needs an application name or an explicit cache file", () => {
    expect(() => resolveOptions({ address: "h1:2181" })).toThrow(/application/);
    expect(resolveOptions({ address: "h1:2181", cacheFile: "/tmp/c" }).cacheFile).toBe("/tmp/c");
    expect(
      resolveOptions({ address: "zookeeper://h1:2181?file-cache=false" }).cacheFile,
    ).toBeUndefined();
  });

  it("rejects nonsense numbers and half credentials", () => {
    const base = { address: "h1:2181", cacheFile: false } as const;
    expect(() => resolveOptions({ ...base, sessionTimeout: -1 })).toThrow(TypeError);
    expect(() => resolveOptions({ ...base, retryPeriod: 1.5 })).toThrow(/retryPeriod/);
    expect(() =>
      resolveOptions({ address: "zookeeper://h1:2181?session=abc", cacheFile: false }),
    ).toThrow(/sessionTimeout/);
    expect(() => resolveOptions({ ...base, username: "u" })).toThrow(/username and password/);
    expect(() => resolveOptions({ ...base, chroot: "nochroot" })).toThrow(/chroot/);
  });
});
