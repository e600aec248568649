#!/usr/bin/env node
// A ZooKeeper pseudo-cluster on 127.0.0.1, as a user sets one up by hand: one data dir per node
// with a `myid` file and a `zoo.cfg` carrying `clientPort`, `dataDir` and the `server.N` lines.
// Used by the demo, by the vitest global setup and from the command line:
//
//   node scripts/zk-ensemble.mjs start|stop|status|start-node N|stop-node N
//        [--size 3] [--port 2181] [--peer-port 2881] [--election-port 3881] [--dir .zk/demo]
//
// Nodes run detached with a pid file each, so `stop` works from another process and a stale node
// left by a crashed run is killed by the next `start` on the same dir.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensure } from "./provision.mjs";

const HOST = "127.0.0.1";
const DEBIAN_JAR = "/usr/share/java/zookeeper.jar";

/**
 * Finds a ZooKeeper to run: `$ZOOKEEPER_HOME` first, then Debian's `zookeeper` package. When
 * neither exists and we are root on Debian, installs the package; otherwise throws with the exact
 * commands that get one.
 * @returns {{ classpath: string, source: string }}
 */
export function findZookeeper() {
  const home = process.env.ZOOKEEPER_HOME;
  if (home) {
    if (!existsSync(path.join(home, "lib"))) {
      throw new Error(
        `ZOOKEEPER_HOME=${home} has no lib/ folder; point it at an unpacked apache-zookeeper-*-bin distribution`,
      );
    }
    return { classpath: `${path.join(home, "conf")}:${path.join(home, "lib", "*")}`, source: home };
  }
  ensure({
    what: "ZooKeeper",
    check: () => existsSync(DEBIAN_JAR),
    packages: ["zookeeper"],
    help: [
      "  - Debian/Ubuntu: sudo apt-get install -y zookeeper",
      "  - any OS: download apache-zookeeper-3.8.x-bin.tar.gz from https://zookeeper.apache.org/releases.html,",
      "    unpack it and export ZOOKEEPER_HOME=/path/to/apache-zookeeper-3.8.x-bin",
      "A Java runtime (java on PATH, 11 or newer) is needed too.",
    ],
  });
  return { classpath: `/etc/zookeeper/conf:${DEBIAN_JAR}`, source: "debian" };
}

/** Sends a ZooKeeper four-letter word and resolves with the reply ("" when nothing answers). */
export function fourLetterWord(port, word, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const chunks = [];
    const done = () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    socket.setTimeout(timeoutMs, done);
    socket.on("connect", () => socket.write(word));
    socket.on("data", (c) => chunks.push(c));
    socket.on("end", done);
    socket.on("error", done);
  });
}

/** True when nothing listens on 127.0.0.1:port. */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Ports findFreePortBase handed out in this process: never twice, even before they are bound. */
const handedOut = new Set();

/**
 * Picks a random base port such that base, base+1, … base+count-1 are all free, away from the
 * well-known ZooKeeper (2181), Dubbo (20880) and QoS (22222) ports, so tests never collide with a
 * user's own. The default range stays below Linux's ephemeral range (32768–60999): connect() and
 * listen(0) take ports from there, so a busy suite could take a port checked free here before the
 * process handed it binds it (a ZooKeeper node restarting, a JVM starting). Within the default
 * range each vitest worker (VITEST_POOL_ID) draws from its own 1000 ports, so test files running
 * at once never draw the same ones; this process never hands a port out twice.
 */
export async function findFreePortBase(count, low, high) {
  if (low === undefined) {
    low = 23000 + (Number(process.env.VITEST_POOL_ID ?? 0) % 9) * 1000;
    high = low + 1000;
  }
  high ??= low + 1000;
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = low + Math.floor(Math.random() * (high - low - count + 1));
    let free = true;
    for (let i = 0; i < count && free; i++) {
      free = !handedOut.has(base + i) && (await isPortFree(base + i));
    }
    if (!free) continue;
    for (let i = 0; i < count; i++) handedOut.add(base + i);
    return base;
  }
  throw new Error(`no ${count} consecutive free ports found between ${low} and ${high}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * @typedef {object} EnsembleOptions
 * @property {number} [size] number of nodes (default 3)
 * @property {number} [clientPort] client port of node 1; node N gets clientPort + N - 1 (default 2181)
 * @property {number} [peerPort] quorum port of node 1 (default 2881)
 * @property {number} [electionPort] leader-election port of node 1 (default 3881)
 * @property {string} [dir] where the node dirs, configs, logs and pid files live (default .zk/ensemble)
 * @property {number} [tickTime] ms (default 2000); sessions may last 2..20 ticks
 * @property {string} [heap] JVM max heap per node (default 256m)
 */

/**
 * Creates (but does not start) an N-node ensemble on 127.0.0.1. Constructing does no I/O.
 * @param {EnsembleOptions} [options]
 */
export function createEnsemble(options = {}) {
  const size = options.size ?? 3;
  const clientPort = options.clientPort ?? 2181;
  const peerPort = options.peerPort ?? 2881;
  const electionPort = options.electionPort ?? 3881;
  const dir = path.resolve(options.dir ?? ".zk/ensemble");
  const tickTime = options.tickTime ?? 2000;
  const heap = options.heap ?? "256m";
  const ids = Array.from({ length: size }, (_, i) => i + 1);
  const nodes = ids.map((id) => ({
    id,
    clientPort: clientPort + id - 1,
    dir: path.join(dir, `node${id}`),
  }));
  const node = (id) => {
    const n = nodes.find((x) => x.id === id);
    if (!n) throw new RangeError(`no ZooKeeper node ${id}; this ensemble has nodes 1..${size}`);
    return n;
  };
  const pidFile = (n) => path.join(n.dir, "zookeeper.pid");
  const readPid = (n) => {
    try {
      return Number(readFileSync(pidFile(n), "utf8").trim()) || undefined;
    } catch {
      return undefined;
    }
  };

  function writeConfig(n) {
    mkdirSync(path.join(n.dir, "data"), { recursive: true });
    writeFileSync(path.join(n.dir, "data", "myid"), `${n.id}\n`);
    const lines = [
      `tickTime=${tickTime}`,
      "initLimit=10",
      "syncLimit=5",
      `dataDir=${path.join(n.dir, "data")}`,
      `clientPort=${n.clientPort}`,
      `clientPortAddress=${HOST}`,
      "maxClientCnxns=0",
      "4lw.commands.whitelist=*",
      "admin.enableServer=false",
      "reconfigEnabled=false",
      "standaloneEnabled=false",
      ...ids.map((id) => `server.${id}=${HOST}:${peerPort + id - 1}:${electionPort + id - 1}`),
    ];
    writeFileSync(path.join(n.dir, "zoo.cfg"), `${lines.join("\n")}\n`);
  }

  /** Starts node `id` (a no-op when it already runs). */
  async function startNode(id) {
    const n = node(id);
    const old = readPid(n);
    if (old && isAlive(old)) return;
    const { classpath } = findZookeeper();
    writeConfig(n);
    const log = openSync(path.join(n.dir, "zookeeper.log"), "a");
    const child = spawn(
      process.env.JAVA ?? "java",
      [
        `-Xmx${heap}`,
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        `-Dzookeeper.log.dir=${n.dir}`,
        "-Dzookeeper.root.logger=INFO,CONSOLE",
        "-Dzookeeper.admin.enableServer=false",
        "-cp",
        classpath,
        "org.apache.zookeeper.server.quorum.QuorumPeerMain",
        path.join(n.dir, "zoo.cfg"),
      ],
      { detached: true, stdio: ["ignore", log, log] },
    );
    child.unref();
    writeFileSync(pidFile(n), `${child.pid}\n`);
  }

  /** Stops node `id`: SIGKILL by default (a crash), "SIGTERM" for an orderly stop. */
  async function stopNode(id, signal = "SIGKILL") {
    const n = node(id);
    const pid = readPid(n);
    if (pid && isAlive(pid)) {
      process.kill(pid, signal);
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
      if (isAlive(pid)) process.kill(pid, "SIGKILL");
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
    }
    rmSync(pidFile(n), { force: true });
  }

  /** Mode of node `id` from `srvr`: leader, follower, standalone, "not serving" or "down". */
  async function modeOf(id) {
    const n = node(id);
    const reply = await fourLetterWord(n.clientPort, "srvr");
    const m = /Mode: (\w+)/.exec(reply);
    if (m) return m[1];
    return reply ? "not serving" : "down";
  }

  /** Every node's id, client port, pid and mode. */
  async function status() {
    return Promise.all(
      nodes.map(async (n) => {
        const pid = readPid(n);
        return {
          id: n.id,
          clientPort: n.clientPort,
          pid: pid && isAlive(pid) ? pid : undefined,
          mode: await modeOf(n.id),
        };
      }),
    );
  }

  /**
   * Resolves once a leader serves and every running node is leader or follower; rejects after
   * `timeoutMs` with the last status and the tail of each node's log.
   */
  async function waitForQuorum(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    let last = [];
    while (Date.now() < deadline) {
      last = await status();
      const running = last.filter((s) => s.pid);
      const ok =
        running.length > 0 &&
        running.some((s) => s.mode === "leader") &&
        running.every((s) => s.mode === "leader" || s.mode === "follower");
      if (
        ok &&
        (await fourLetterWord(last.find((s) => s.mode === "leader").clientPort, "ruok")) === "imok"
      ) {
        return last;
      }
      await sleep(200);
    }
    const tails = nodes.map((n) => {
      try {
        const text = readFileSync(path.join(n.dir, "zookeeper.log"), "utf8");
        return `--- node${n.id} log tail ---\n${text.split("\n").slice(-15).join("\n")}`;
      } catch {
        return `--- node${n.id}: no log ---`;
      }
    });
    throw new Error(
      `ZooKeeper ensemble has no quorum after ${timeoutMs} ms: ${JSON.stringify(last)}\n${tails.join("\n")}`,
    );
  }

  /** Starts every node (killing stale ones from an earlier run on the same dir) and waits for a quorum. */
  async function start(timeoutMs = 60_000) {
    findZookeeper();
    for (const n of nodes) {
      await stopNode(n.id);
      rmSync(path.join(n.dir, "data", "version-2"), { recursive: true, force: true });
    }
    for (const n of nodes) {
      if (!(await isPortFree(n.clientPort))) {
        throw new Error(
          `port ${n.clientPort} is busy: another ZooKeeper (or program) listens there; stop it or choose other ports`,
        );
      }
    }
    for (const n of nodes) await startNode(n.id);
    return waitForQuorum(timeoutMs);
  }

  /** Stops every node. */
  async function stop(signal = "SIGTERM") {
    await Promise.all(nodes.map((n) => stopNode(n.id, signal)));
  }

  /** Id of the current leader, or undefined. */
  async function leader() {
    return (await status()).find((s) => s.mode === "leader")?.id;
  }

  return {
    dir,
    nodes: nodes.map(({ id, clientPort: port }) => ({ id, clientPort: port })),
    /** `127.0.0.1:p1,127.0.0.1:p2,…`, the form node-zookeeper-client and Java both take. */
    connectionString: nodes.map((n) => `${HOST}:${n.clientPort}`).join(","),
    start,
    stop,
    startNode,
    stopNode,
    status,
    modeOf,
    waitForQuorum,
    leader,
  };
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const opts = {};
  const positional = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const key = {
      "--size": "size",
      "--port": "clientPort",
      "--peer-port": "peerPort",
      "--election-port": "electionPort",
      "--dir": "dir",
      "--tick": "tickTime",
    }[a];
    if (key) {
      const v = rest[++i];
      opts[key] = key === "dir" ? v : Number(v);
      if (key !== "dir" && !Number.isInteger(opts[key]))
        throw new TypeError(`${a} needs a whole number, got ${v}`);
    } else positional.push(a);
  }
  return { command, opts, positional };
}

async function main() {
  const { command, opts, positional } = parseArgs(process.argv.slice(2));
  const ensemble = createEnsemble({ dir: ".zk/ensemble", ...opts });
  const show = (st) => {
    for (const s of st)
      console.log(
        `node${s.id} 127.0.0.1:${s.clientPort} ${s.pid ? `pid ${s.pid}` : "stopped"} ${s.mode}`,
      );
  };
  switch (command) {
    case "start":
      show(await ensemble.start());
      console.log(`connection string: ${ensemble.connectionString}`);
      break;
    case "stop":
      await ensemble.stop();
      console.log("stopped");
      break;
    case "status":
      show(await ensemble.status());
      break;
    case "start-node":
      await ensemble.startNode(Number(positional[0]));
      show(await ensemble.status());
      break;
    case "stop-node":
      await ensemble.stopNode(Number(positional[0]));
      show(await ensemble.status());
      break;
    default:
      console.log(
        "usage: zk-ensemble.mjs start|stop|status|start-node N|stop-node N [--size 3] [--port 2181] [--peer-port 2881] [--election-port 3881] [--dir .zk/ensemble] [--tick 2000]",
      );
      process.exitCode = command ? 2 : 0;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(`zk-ensemble: ${err.message}`);
    process.exit(1);
  });
}
