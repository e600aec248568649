import { testEnsemble } from "@dubbo-ts/test-support";
import zookeeper from "node-zookeeper-client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fourLetterWord } from "../scripts/zk-ensemble.mjs";

const ensemble = testEnsemble();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function connect(connectString: string): Promise<zookeeper.Client> {
  const client = zookeeper.createClient(connectString, {
    sessionTimeout: 10_000,
    spinDelay: 200,
    retries: 0,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ZooKeeper connection to ${connectString} within 15 s`)),
      15_000,
    );
    client.once("connected", () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect();
  });
}

/** Runs a node-zookeeper-client call; rejects when ZooKeeper does not answer within `ms`. */
function call<T>(ms: number, op: (cb: (err: unknown, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`ZooKeeper did not answer within ${ms} ms`)),
      ms,
    );
    op((err, value) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value as T);
    });
  });
}

const write = (client: zookeeper.Client, path: string, data: string, ms = 5_000) =>
  call<string>(ms, (cb) =>
    client.create(path, Buffer.from(data), zookeeper.CreateMode.PERSISTENT, cb),
  );
const read = (client: zookeeper.Client, path: string, ms = 5_000) =>
  call<Buffer>(ms, (cb) => client.getData(path, (err, data) => cb(err, data))).then((b) =>
    b.toString(),
  );

/** The node whose `cons` lists the client's session: the server it is connected to. */
async function serverOf(client: zookeeper.Client): Promise<number | undefined> {
  const sid = `sid=0x${client.getSessionId().toString("hex").replace(/^0+/, "")}`;
  for (const n of ensemble.nodes) {
    if ((await fourLetterWord(n.clientPort, "cons")).includes(sid)) return n.id;
  }
  return undefined;
}

async function waitForMode(id: number, modes: string[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let mode = "";
  while (Date.now() < deadline) {
    mode = await ensemble.modeOf(id);
    if (modes.includes(mode)) return mode;
    await sleep(200);
  }
  throw new Error(
    `node${id} is "${mode}", expected one of ${modes.join(", ")} within ${timeoutMs} ms`,
  );
}

describe("the test ZooKeeper ensemble (3 nodes on loopback)", () => {
  let client: zookeeper.Client;
  const root = `/ensemble-test-${Date.now()}`;
  const expired: string[] = [];

  beforeAll(async () => {
    await ensemble.waitForQuorum();
    client = await connect(inject("zkConnect"));
    client.on("expired", () => expired.push("expired"));
    await write(client, root, "root");
  });

  afterAll(async () => {
    client?.close();
    await ensemble.restoreAll();
  });

  it("serves with one leader and two followers, on non-default ports", async () => {
    const status = await ensemble.status();
    expect(status.map((s) => s.mode).sort()).toEqual(["follower", "follower", "leader"]);
    expect(ensemble.nodes.map((n) => n.clientPort)).not.toContain(2181);
    expect(inject("zkConnect").split(",")).toHaveLength(3);
  });

  it("creates and reads a node through the comma-separated connection string", async () => {
    await write(client, `${root}/a`, "hello");
    expect(await read(client, `${root}/a`)).toBe("hello");
  });

  it("keeps the session when the server the client is connected to is killed", async () => {
    const sessionBefore = client.getSessionId().toString("hex");
    const connectedTo = await serverOf(client);
    expect(connectedTo).toBeDefined();
    await ensemble.stopNode(connectedTo!);
    await ensemble.waitForQuorum();
    await write(client, `${root}/after-kill`, "still here", 20_000);
    expect(await read(client, `${root}/a`)).toBe("hello");
    expect(client.getSessionId().toString("hex")).toBe(sessionBefore);
    expect(await serverOf(client)).not.toBe(connectedTo);
    expect(expired).toEqual([]);
    await ensemble.restoreAll();
  });

  it("walks through quorum loss and leader election as the classic tutorial does", async () => {
    await ensemble.waitForQuorum();
    const leader = (await ensemble.leader())!;
    const followers = ensemble.nodes.map((n) => n.id).filter((id) => id !== leader);
    // Stop the higher-numbered follower first and restart the lower one: with equal zxids the
    // election prefers the higher myid, so the old leader wins again when it outranks the restarted node.
    const [low, high] = followers.sort((a, b) => a - b) as [number, number];

    await ensemble.stopNode(high);
    await ensemble.waitForQuorum();
    expect(await ensemble.leader()).toBe(leader);
    await write(client, `${root}/one-down`, "ok", 20_000);

    await ensemble.stopNode(low);
    expect(await waitForMode(leader, ["not serving", "down"])).toBe("not serving");
    await expect(write(client, `${root}/no-quorum`, "lost", 3_000)).rejects.toThrow();

    await ensemble.startNode(low);
    await ensemble.waitForQuorum();
    if (low < leader) expect(await ensemble.leader()).toBe(leader);
    await write(client, `${root}/quorum-back`, "ok", 20_000);
    expect(await read(client, `${root}/quorum-back`)).toBe("ok");

    await ensemble.startNode(high);
    await ensemble.waitForQuorum();
    const current = (await ensemble.leader())!;
    await ensemble.stopNode(current);
    await ensemble.waitForQuorum();
    const elected = await ensemble.leader();
    expect(elected).toBeDefined();
    expect(elected).not.toBe(current);

    await ensemble.startNode(current);
    await ensemble.waitForQuorum();
    expect(await waitForMode(current, ["follower"])).toBe("follower");
    expect(await ensemble.leader()).toBe(elected);
    await write(client, `${root}/after-election`, "ok", 20_000);
    expect(expired).toEqual([]);
  });
});
