import { ServiceUrl } from "@dubbo-ts/core/spi";
import zookeeper from "node-zookeeper-client";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createZookeeperRegistry, type ZookeeperRegistry } from "../src/index.js";
import {
  providerUrl,
  rawClient,
  recorder,
  subscriptionOf,
  uniqueInterface,
  zkErrorCode,
} from "./helpers.js";

const zk = inject("zkConnect");
const { Exception, Permission } = zookeeper;

/** Permission and id of each ACL entry (node-zookeeper-client calls the bits `permission`). */
function describeAcl(acls: unknown[]): string[] {
  return acls
    .map((a) => {
      const acl = a as { permission: number; id: { scheme: string; id: string } };
      return `${acl.id.scheme}:${acl.id.id}=${acl.permission}`;
    })
    .sort();
}

/**
 * Digest auth (docs/hostile-input-and-failures.md C3): nodes we create carry `auth` ALL for our identity (and
 * world READ unless turned off), so nobody without the credentials can write the provider list.
 * Each test uses its own root group so the locked nodes never stand in other tests' way.
 */
describe("digest auth and ACLs", () => {
  const open: ZookeeperRegistry[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });

  // ZooKeeper's DigestAuthenticationProvider id: user:base64(sha1("user:password")).
  const digestId = async (user: string, password: string) => {
    const { createHash } = await import("node:crypto");
    return `${user}:${createHash("sha1").update(`${user}:${password}`).digest("base64")}`;
  };

  async function setup(worldReadable: boolean) {
    const iface = uniqueInterface();
    const group = `secure-${iface.slice(-10)}`;
    const registry = createZookeeperRegistry({
      address: `zookeeper://alice:s3cret@${zk}?group=${group}`,
      cacheFile: false,
      worldReadable,
    });
    open.push(registry);
    await registry.start();
    const url = providerUrl(iface);
    await registry.register(url);
    const providers = `/${group}/${iface}/providers`;
    const node = `${providers}/${ServiceUrl.encode(url.toFullString())}`;
    return { iface, group, registry, url, providers, node };
  }

  it("puts the creator's digest ACL (plus world read) on every node it creates", async () => {
    const { group, iface, providers, node } = await setup(true);
    const anonymous = await rawClient(zk);
    try {
      // ZooKeeper shows a digest id only to readers with ADMIN rights; others see `alice:x`.
      const expected = [`digest:alice:x=${Permission.ALL}`, `world:anyone=${Permission.READ}`];
      for (const p of [`/${group}`, `/${group}/${iface}`, providers, node]) {
        expect(describeAcl(await anonymous.acl(p))).toEqual(expected);
      }
      // Discovery still works without credentials…
      expect(await anonymous.children(providers)).toHaveLength(1);
      // …but nothing can be written.
      const fake = `${providers}/${ServiceUrl.encode("dubbo://6.6.6.6:1/evil?interface=evil")}`;
      expect(await zkErrorCode(anonymous.create(fake, true))).toBe(Exception.NO_AUTH);
      expect(await zkErrorCode(anonymous.remove(node))).toBe(Exception.NO_AUTH);
      expect(await zkErrorCode(anonymous.setData(node, "x"))).toBe(Exception.NO_AUTH);
      expect(await zkErrorCode(anonymous.remove(providers))).toBe(Exception.NO_AUTH);
    } finally {
      await anonymous.close();
    }
    const wrong = await rawClient(zk, "alice:wrong");
    try {
      expect(await zkErrorCode(wrong.remove(node))).toBe(Exception.NO_AUTH);
    } finally {
      await wrong.close();
    }
    const alice = await rawClient(zk, "alice:s3cret");
    try {
      expect(describeAcl(await alice.acl(node))).toEqual([
        `digest:${await digestId("alice", "s3cret")}=${Permission.ALL}`,
        `world:anyone=${Permission.READ}`,
      ]);
      const extra = `${providers}/${ServiceUrl.encode("dubbo://10.0.0.6:1/x?interface=x")}`;
      expect(await zkErrorCode(alice.create(extra, true))).toBe("ok");
    } finally {
      await alice.close();
    }
  });

  it("hides the nodes from anonymous readers when worldReadable is false, not from itself", async () => {
    const { iface, registry, providers } = await setup(false);
    const anonymous = await rawClient(zk);
    try {
      expect(await zkErrorCode(anonymous.children(providers))).toBe(Exception.NO_AUTH);
    } finally {
      await anonymous.close();
    }
    const listener = recorder();
    await registry.subscribe(subscriptionOf(iface), listener);
    expect(listener.addresses()).toEqual(["10.0.0.5:30001"]);
  });
});
