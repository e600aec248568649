import { ServiceUrl } from "@dubbo-ts/core";
import { parseRegistryAddress, toConnectString } from "@dubbo-ts/registry-zookeeper";
import zookeeper from "node-zookeeper-client";

/** The categories Java's ZookeeperRegistry writes under each service (docs/wire-format.md, "ZooKeeper layout"). */
export const CATEGORIES = ["providers", "consumers", "configurators", "routers"] as const;

export type Category = (typeof CATEGORIES)[number];

/** One service node of the registry with its decoded URLs per category. */
export interface ServiceEntry {
  readonly interface: string;
  readonly urls: Readonly<Record<Category, readonly ServiceUrl[]>>;
}

/** What `readRegistry` found under the Dubbo root. */
export interface RegistrySnapshot {
  /** The Dubbo root node read (`/dubbo`, or `/` + the address's `group`). */
  readonly root: string;
  readonly services: readonly ServiceEntry[];
}

/**
 * Reads the interface-level layout Java Dubbo and dubbo-ts write in ZooKeeper —
 * `<root>/<interface>/<category>/<URL.encode(url)>` — once, without watching or registering
 * anything: every service (or only `only`), each node name decoded into a `ServiceUrl` (names that
 * do not decode are left out), sorted. Connects within `timeoutMs` or rejects naming the address;
 * always closes its session.
 */
export async function readRegistry(
  address: string,
  options: { only?: string | undefined; timeoutMs?: number | undefined } = {},
): Promise<RegistrySnapshot> {
  const parsed = parseRegistryAddress(address);
  const client = zookeeper.createClient(toConnectString(parsed), {
    sessionTimeout: 10_000,
    retries: 0,
  });
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `cannot reach ZooKeeper at ${toConnectString(parsed)} within ${timeoutMs} ms; is it running, and is --registry right?`,
          ),
        );
      }, timeoutMs);
      client.once("connected", () => {
        clearTimeout(timer);
        resolve();
      });
      client.connect();
    });
    const children = (path: string) =>
      new Promise<string[]>((resolve, reject) => {
        client.getChildren(path, (err, names) => {
          if (!err) resolve(names);
          else if ("getCode" in err && err.getCode() === zookeeper.Exception.NO_NODE) resolve([]);
          else reject(new Error(`ZooKeeper getChildren ${path}: ${String(err)}`));
        });
      });
    const root = parsed.root;
    const base = root === "/" ? "" : root;
    const names = (await children(root)).map((n) => ServiceUrl.decode(n)).sort();
    const services: ServiceEntry[] = [];
    for (const name of names) {
      if (options.only !== undefined && name !== options.only) continue;
      // Only interface nodes have category children; the root also holds Dubbo 3's mapping,
      // metadata and config nodes and application-level instance folders (ZookeeperRegistry,
      // ZookeeperMetadataReport, ZookeeperServiceDiscovery), which are not services.
      const kinds = await children(`${base}/${ServiceUrl.encode(name)}`);
      if (!kinds.some((k) => (CATEGORIES as readonly string[]).includes(k))) continue;
      const urls = {} as Record<Category, ServiceUrl[]>;
      for (const category of CATEGORIES) {
        const nodes = await children(`${base}/${ServiceUrl.encode(name)}/${category}`);
        urls[category] = nodes.sort().flatMap((node) => {
          try {
            return [ServiceUrl.parse(ServiceUrl.decode(node))];
          } catch {
            return [];
          }
        });
      }
      services.push({ interface: name, urls });
    }
    return { root, services };
  } finally {
    client.close();
  }
}
