import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  buildConsumerUrl,
  buildProviderUrl,
  type Logger,
  type NotifyListener,
  type ServiceUrl,
  silentLogger,
} from "@dubbo-ts/core/spi";
import { pino } from "pino";
import { fourLetterWord } from "../../../scripts/zk-ensemble.mjs";

export { type RawClient, rawClient, sleep, TcpProxy, waitFor } from "@dubbo-ts/test-support";

/** Silent, or a debug logger on stderr when RZ_DEBUG is set (to see what a failing test did). */
export function testLogger(name: string): Logger {
  if (!process.env.RZ_DEBUG) return silentLogger;
  return pino(
    { level: "debug", name, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A name no other test uses, so tests sharing the ensemble never see each other's nodes. */
export function uniqueInterface(prefix = "org.dubbo.ts.it"): string {
  return `${prefix}.Svc${randomUUID().replace(/-/g, "").slice(0, 10)}`;
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "registry-zk-it-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A listener that records every notification with its time. */
export function recorder(): NotifyListener & {
  calls: { at: number; urls: ServiceUrl[] }[];
  /** The last list notified for a category (`providers` by default). */
  latest(category?: string): ServiceUrl[] | undefined;
  /** Hosts:ports of the last `providers` list (empty for `empty://`). */
  addresses(category?: string): string[] | undefined;
} {
  const calls: { at: number; urls: ServiceUrl[] }[] = [];
  const fn = ((urls: ServiceUrl[]) => {
    calls.push({ at: performance.now(), urls });
  }) as NotifyListener & {
    calls: typeof calls;
    latest(category?: string): ServiceUrl[] | undefined;
    addresses(category?: string): string[] | undefined;
  };
  fn.calls = calls;
  fn.latest = (category = "providers") => {
    for (let i = calls.length - 1; i >= 0; i--) {
      const urls = calls[i]!.urls;
      if (urls[0]?.getParameter("category", "providers") === category) return urls;
    }
    return undefined;
  };
  fn.addresses = (category = "providers") =>
    fn
      .latest(category)
      ?.filter((u) => u.protocol !== "empty")
      .map((u) => u.address)
      .sort();
  return fn;
}

/** A promisified plain node-zookeeper-client, to look at the tree as another program would. */
/** The ZooKeeper error code of a rejected operation. */
export async function zkErrorCode(p: Promise<unknown>): Promise<number | "ok"> {
  try {
    await p;
    return "ok";
  } catch (err) {
    return (err as { code: number }).code;
  }
}

/**
 * Which ensemble node holds the session: `cons` lists every connection with `sid=0x<hex>`
 * (Long.toHexString, no leading zeros).
 */
export async function nodeOfSession(
  nodes: readonly { id: number; clientPort: number }[],
  sessionIdHex: string,
): Promise<number | undefined> {
  const sid = `sid=0x${sessionIdHex.replace(/^0+/, "")},`;
  for (const n of nodes) {
    if ((await fourLetterWord(n.clientPort, "cons", 2000)).includes(sid)) return n.id;
  }
  return undefined;
}

/** The consumer URL the tests subscribe with: interface `iface`, category `providers`. */
export function subscriptionOf(iface: string): ServiceUrl {
  return buildConsumerUrl({
    host: "10.0.0.9",
    interface: iface,
    application: "c",
    category: "providers",
  });
}

/** The provider URL the tests register: `iface` on 10.0.0.5:30001, method `a`, application `p`. */
export function providerUrl(
  iface: string,
  extra: Partial<Parameters<typeof buildProviderUrl>[0]> = {},
): ServiceUrl {
  return buildProviderUrl({
    host: "10.0.0.5",
    port: 30001,
    interface: iface,
    methods: ["a"],
    application: "p",
    ...extra,
  });
}
