import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { waitFor } from "@dubbo-ts/test-support";
import zookeeper from "node-zookeeper-client";
import { afterEach, describe, expect, inject, it } from "vitest";

/**
 * A provider process written as a new user would (signal-process.ts: no signal handling, the
 * default logger), against the real ZooKeeper ensemble: signals close it gracefully, a second
 * signal never interrupts that, and once closed nothing keeps the process alive.
 */
const zk = inject("zkConnect");
const register = createRequire(import.meta.url).resolve("@dubbo-ts/test-support/register-ts");
const script = fileURLToPath(new URL("./signal-process.ts", import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

interface Started {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: object, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", register, script, JSON.stringify(args)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY within 60 s: ${err}`)), 60_000);
    child.stdout!.on("data", () => {
      const m = /READY (\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({ child, port: Number(m[1]), stdout: () => out, stderr: () => err, exited });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before READY: ${err}`));
    });
  });
}

/** The provider nodes of `iface` in ZooKeeper, read by an independent client. */
async function providers(iface: string): Promise<string[]> {
  const client = zookeeper.createClient(zk, { sessionTimeout: 10_000 });
  try {
    await new Promise<void>((resolve) => {
      client.once("connected", () => resolve());
      client.connect();
    });
    return await new Promise<string[]>((resolve, reject) =>
      client.getChildren(`/dubbo/${iface}/providers`, (e, list) => {
        if (e && (e as { code?: number }).code === zookeeper.Exception.NO_NODE) resolve([]);
        else if (e) reject(e);
        else resolve(list);
      }),
    );
  } finally {
    client.close();
  }
}

const uniqueInterface = () =>
  `org.dubbo.ts.it.Signal${randomUUID().replace(/-/g, "").slice(0, 10)}`;

describe("signals and exit, in a real process", () => {
  it("closes gracefully on SIGTERM by default, a second SIGTERM does not interrupt it, and the node is gone at exit", async () => {
    const iface = uniqueInterface();
    const p = await start({ zk, interface: iface });
    expect(await providers(iface)).toHaveLength(1);
    p.child.kill("SIGTERM");
    // A second signal sent before the first is handled merges with it (signals do not queue):
    // send it once the shutdown has visibly started.
    await waitFor("the shutdown to start", () =>
      p.stderr().includes("SIGTERM received: closing gracefully"),
    );
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 0, signal: null });
    // Unregistered before exit: no waiting for the session to expire.
    expect(await providers(iface)).toEqual([]);
    expect(p.stderr()).toContain(
      "SIGTERM received again: the graceful shutdown continues (it ends within shutdown.timeout); send SIGKILL to stop at once",
    );
  });

  it("leaves signals to the application with shutdown.hook false (DUBBO_SHUTDOWN_HOOK=false)", async () => {
    const iface = uniqueInterface();
    const p = await start({ zk, interface: iface }, { DUBBO_SHUTDOWN_HOOK: "false" });
    p.child.kill("SIGINT");
    expect(await p.exited).toEqual({ code: null, signal: "SIGINT" });
    expect(await providers(iface)).toHaveLength(1); // until its session expires
  });

  it("holds nothing open once closed, even while ZooKeeper is unreachable, and says so on stderr", async () => {
    const dead = await freePort();
    const p = await start({
      zk: `127.0.0.1:${dead}`,
      interface: uniqueInterface(),
      closeNow: true,
    });
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toContain("HOLDING []");
    // The default logger: JSON on stderr when it is a pipe; the provider's warning is there.
    const warnings = p
      .stderr()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(warnings.map((w) => w.level)).toContain(40);
    expect(warnings.map((w) => w.msg).join("\n")).toContain(
      `ZooKeeper 127.0.0.1:${dead} is not reachable (not connected within 1000 ms; last error: connect ECONNREFUSED 127.0.0.1:${dead}): registrations are retried every 5000 ms and as soon as it answers`,
    );
  });
});

/** A loopback port nobody listens on (bound, then closed). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
