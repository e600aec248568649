/**
 * Reading and writing registry nodes directly (node-zookeeper-client), to check what each side
 * wrote and to plant the nodes a legacy provider would write.
 */
import { ServiceUrl } from "@dubbo-ts/core";
import { rawClient, readBarrier } from "@dubbo-ts/test-support";
import zookeeper from "node-zookeeper-client";

/** Runs `fn` with a client whose reads see every write committed before it connected. */
export async function withZookeeper<T>(
  connect: string,
  fn: (client: zookeeper.Client) => Promise<T>,
): Promise<T> {
  const raw = await rawClient(connect);
  try {
    await readBarrier(raw.client);
    return await fn(raw.client);
  } finally {
    await raw.close();
  }
}

function isNoNode(error: unknown): boolean {
  return error instanceof zookeeper.Exception && error.getCode() === zookeeper.Exception.NO_NODE;
}

/** Children of `path`, or [] when it does not exist. */
export function children(client: zookeeper.Client, path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    client.getChildren(path, (error, names) => {
      if (isNoNode(error)) resolve([]);
      else if (error) reject(error);
      else resolve(names);
    });
  });
}

/** Creates `path` and its missing parents (PERSISTENT), the leaf with `mode`. */
export async function create(
  client: zookeeper.Client,
  path: string,
  mode: number = zookeeper.CreateMode.EPHEMERAL,
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    client.mkdirp(path.slice(0, path.lastIndexOf("/")), (error) =>
      error ? reject(error) : resolve(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    client.create(path, Buffer.alloc(0), mode, (error) => (error ? reject(error) : resolve()));
  });
}

export function remove(client: zookeeper.Client, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.remove(path, -1, (error) => (error && !isNoNode(error) ? reject(error) : resolve()));
  });
}

/** `/<root>/<URL.encode(interface)>/<category>`. */
export function categoryPath(root: string, iface: string, category: string): string {
  return `/${root}/${ServiceUrl.encode(iface)}/${category}`;
}

/** The node names under one category, URL-decoded (the URLs exactly as their writer wrote them). */
export function registeredNames(
  connect: string,
  root: string,
  iface: string,
  category: "providers" | "consumers",
): Promise<string[]> {
  return withZookeeper(connect, async (c) =>
    (await children(c, categoryPath(root, iface, category))).map((n) => ServiceUrl.decode(n)),
  );
}

/** The URLs registered under one category (node names decoded and parsed as Java does). */
export async function registeredUrls(
  connect: string,
  root: string,
  iface: string,
  category: "providers" | "consumers",
): Promise<ServiceUrl[]> {
  const names = await withZookeeper(connect, (c) =>
    children(c, categoryPath(root, iface, category)),
  );
  return names.map((n) => ServiceUrl.parse(ServiceUrl.decode(n)));
}

/** Polls `registeredUrls` until `until(urls)` holds; throws with the last list after `timeoutMs`. */
export async function waitForUrls(
  connect: string,
  root: string,
  iface: string,
  category: "providers" | "consumers",
  until: (urls: ServiceUrl[]) => boolean,
  timeoutMs = 30_000,
): Promise<ServiceUrl[]> {
  const deadline = Date.now() + timeoutMs;
  let urls: ServiceUrl[] = [];
  const done = await withZookeeper(connect, async (client) => {
    while (Date.now() < deadline) {
      const names = await children(client, categoryPath(root, iface, category));
      urls = names.map((n) => ServiceUrl.parse(ServiceUrl.decode(n)));
      if (until(urls)) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  });
  if (done) return urls;
  throw new Error(
    `/${root}/${iface}/${category} never reached the expected state; last: ${urls.map((u) => u.toFullString()).join(" ; ")}`,
  );
}
