import { createHash } from "node:crypto";
import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import type { LoadBalance } from "../load-balance.js";

/** `hash.nodes` default: virtual nodes per provider. */
export const DEFAULT_HASH_NODES = 160;

interface Selector {
  readonly identity: readonly Invoker[];
  readonly hashes: Uint32Array;
  readonly owners: Invoker[];
  readonly argumentIndexes: number[];
}

function md5(text: string): Buffer {
  return createHash("md5").update(text, "utf8").digest();
}

/** ConsistentHashLoadBalance.hash: the little-endian uint32 of the `n`-th quarter of the digest. */
function quarter(digest: Buffer, n: number): number {
  return digest.readUInt32LE(n * 4);
}

/** Java `String.valueOf(arg)` for the values a key is usually built from. */
function keyPart(arg: unknown): string {
  if (arg === null || arg === undefined) return "null";
  if (typeof arg === "object") return JSON.stringify(arg);
  return String(arg);
}

function buildSelector(invokers: readonly Invoker[], invocation: Invocation): Selector {
  const url = invokers[0]!.url;
  const method = invocation.methodName;
  const replicas = Number(url.getMethodParameter(method, "hash.nodes") ?? DEFAULT_HASH_NODES);
  const argumentIndexes = (url.getMethodParameter(method, "hash.arguments") ?? "0")
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n >= 0);
  const ring = new Map<number, Invoker>();
  for (const invoker of invokers) {
    const address = invoker.url.address;
    for (let i = 0; i < Math.floor(replicas / 4); i++) {
      const digest = md5(address + i);
      for (let h = 0; h < 4; h++) ring.set(quarter(digest, h), invoker);
    }
  }
  const hashes = Uint32Array.from(ring.keys()).sort();
  return {
    identity: [...invokers],
    hashes,
    owners: Array.from(hashes, (h) => ring.get(h)!),
    argumentIndexes,
  };
}

function sameInvokers(a: readonly Invoker[], b: readonly Invoker[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * `consistenthash` (ConsistentHashLoadBalance): the same arguments go to the same provider. Each
 * provider gets `hash.nodes` (160) virtual nodes at `MD5(host:port + i)` quarters; the key is the
 * concatenation of the arguments at `hash.arguments` (default "0"), and the first node at or after
 * `MD5(key)` wins. Adding or removing a provider only moves the keys of its own nodes. Not
 * weighted. Arguments are stringified like Java's `String.valueOf` for strings and numbers (objects
 * use JSON, which differs from Java's `toString`).
 */
export function createConsistentHashLoadBalance(): LoadBalance {
  const selectors = new Map<string, Selector>();
  return {
    select(invokers, invocation): Invoker {
      if (invokers.length === 1) return invokers[0]!;
      const key = `${invokers[0]!.url.serviceKey}.${invocation.methodName}`;
      let selector = selectors.get(key);
      if (!selector || !sameInvokers(selector.identity, invokers)) {
        selector = buildSelector(invokers, invocation);
        selectors.set(key, selector);
      }
      let text = "";
      for (const i of selector.argumentIndexes) {
        if (i < invocation.args.length) text += keyPart(invocation.args[i]);
      }
      const hash = quarter(md5(text), 0);
      const { hashes, owners } = selector;
      let lo = 0;
      let hi = hashes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (hashes[mid]! < hash) lo = mid + 1;
        else hi = mid;
      }
      return owners[lo === hashes.length ? 0 : lo]!;
    },
  };
}
