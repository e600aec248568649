import zookeeper, { type ACL, type Client, type Stat } from "node-zookeeper-client";

export interface RawClient {
  client: Client;
  sessionId(): string;
  children(path: string): Promise<string[]>;
  stat(path: string): Promise<Stat | null>;
  acl(path: string): Promise<ACL[]>;
  create(path: string, ephemeral?: boolean): Promise<void>;
  setData(path: string, data: string): Promise<void>;
  remove(path: string): Promise<void>;
  mkdirp(path: string): Promise<void>;
  close(): Promise<void>;
}

function cb<T>(resolve: (v: T) => void, reject: (e: unknown) => void) {
  return (err: unknown, value?: T) => (err ? reject(err) : resolve(value as T));
}

const SYNC_NODE = "/dubbo-ts-test-sync";

/**
 * ZooKeeper orders reads per client only: this client's server (a follower) may not yet have
 * applied a write another client just saw committed. A write of our own is ordered after every
 * committed write, so once it returns, reads on our server see them all (node-zookeeper-client
 * has no sync()). `SYNC_NODE` must exist (rawClient creates it).
 */
export function readBarrier(client: Client): Promise<void> {
  return new Promise<void>((res, rej) =>
    client.setData(SYNC_NODE, Buffer.alloc(0), -1, (e) => (e ? rej(e) : res())),
  );
}

/** A node-zookeeper-client connected to `connect`, whose reads see every committed write. */
export async function rawClient(connect: string, digest?: string): Promise<RawClient> {
  const client = zookeeper.createClient(connect, { sessionTimeout: 10_000 });
  if (digest) client.addAuthInfo("digest", Buffer.from(digest));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`raw client: no connection to ${connect}`)),
      15_000,
    );
    client.once("connected", () => {
      clearTimeout(t);
      resolve();
    });
    client.connect();
  });
  await new Promise<void>((res, rej) => client.mkdirp(SYNC_NODE, (e) => (e ? rej(e) : res())));
  const barrier = () => readBarrier(client);
  return {
    client,
    sessionId: () => client.getSessionId().toString("hex"),
    children: (p) =>
      barrier().then(() => new Promise((res, rej) => client.getChildren(p, cb(res, rej)))),
    stat: (p) =>
      barrier().then(
        () => new Promise((res, rej) => client.exists(p, (e, s) => (e ? rej(e) : res(s ?? null)))),
      ),
    acl: (p) => new Promise((res, rej) => client.getACL(p, cb(res, rej))),
    create: (p, ephemeral = false) =>
      new Promise((res, rej) =>
        client.create(
          p,
          ephemeral ? zookeeper.CreateMode.EPHEMERAL : zookeeper.CreateMode.PERSISTENT,
          (e) => (e ? rej(e) : res()),
        ),
      ),
    setData: (p, data) =>
      new Promise((res, rej) =>
        client.setData(p, Buffer.from(data), -1, (e) => (e ? rej(e) : res())),
      ),
    remove: (p) => new Promise((res, rej) => client.remove(p, -1, (e) => (e ? rej(e) : res()))),
    mkdirp: (p) => new Promise((res, rej) => client.mkdirp(p, (e) => (e ? rej(e) : res()))),
    close: () =>
      new Promise<void>((res) => {
        const t = setTimeout(res, 2000);
        client.once("disconnected", () => {
          clearTimeout(t);
          res();
        });
        client.close();
      }),
  };
}
