// Application-level vs interface-level discovery at scale, on a real 3-node ZooKeeper ensemble.
//
// Simulated instances (no provider processes): N instances of one application, each serving M
// interfaces, are written straight into ZooKeeper the way providers write them —
//   interface mode: one `/dubbo/<interface>/providers/<URL>` node per instance and interface
//                   (what register-mode=interface writes; N × M nodes),
//   instance mode:  one `/services/<app>/<host:port>` Curator node per instance, one mapping node per
//                   interface and the application's MetadataInfo in the metadata report (what
//                   register-mode=instance with metadata-type=remote writes; N + M + 1 nodes; all
//                   instances share one revision, as identical instances do).
// Then a dubbo-ts consumer application (the public API: createApplication + generic references,
// FORCE_INTERFACE or FORCE_APPLICATION) refers K of the interfaces. Its protocol is a stand-in
// that opens no connection (it only counts the invokers the directories hold), so the figures are
// the registry and discovery work alone. Measured per mode:
//   - ZooKeeper nodes and bytes (node names + data) the layout takes,
//   - start: from app.start() to every reference listing all N providers,
//   - change: one more instance registered (interface mode: its M nodes; instance mode: its one
//     node) → every reference lists N + 1,
//   - consumer heap after GC, minus the heap before the application started.
// Both modes run in this one process, one after the other, with a GC between.
//
//   node --expose-gc bench/discovery-scale.mjs [--instances=2000] [--interfaces=50] [--refer=10]
//   node --expose-gc bench/discovery-scale.mjs --quick     (200 instances × 20 interfaces)

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createEnsemble, findFreePortBase } from "../scripts/zk-ensemble.mjs";

const require = createRequire(import.meta.url);
const zookeeper = require("node-zookeeper-client");
const core = await import("@dubbo-ts/core");
const spi = await import("@dubbo-ts/core/spi");
const { createZookeeperRegistry } = await import("@dubbo-ts/registry-zookeeper");

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"];
  }),
);
const quick = args.quick === "true";
const N = Number(args.instances ?? (quick ? 200 : 2000));
const M = Number(args.interfaces ?? (quick ? 20 : 50));
const K = Math.min(M, Number(args.refer ?? 10));
const APP = "scale-provider";
const VERSION = "1.0.0";
const iface = (i) => `org.dubbo.ts.bench.scale.Service${String(i).padStart(3, "0")}`;
const hostOf = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error("[discovery-scale]", ...a);

async function waitFor(what, check, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function connect(connectString) {
  const client = zookeeper.createClient(connectString, { sessionTimeout: 60_000 });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("cannot connect to ZooKeeper")), 20_000);
    client.once("connected", () => {
      clearTimeout(t);
      resolve(client);
    });
    client.connect();
  });
}

/** Creates nodes (parents PERSISTENT) with up to 500 requests in flight; returns nodes and bytes. */
async function writeAll(client, nodes) {
  const parents = new Set(nodes.map((n) => n.path.slice(0, n.path.lastIndexOf("/"))));
  for (const p of parents) {
    await new Promise((res, rej) => client.mkdirp(p, (e) => (e ? rej(e) : res())));
  }
  let bytes = 0;
  for (let i = 0; i < nodes.length; i += 500) {
    await Promise.all(
      nodes.slice(i, i + 500).map(
        (n) =>
          new Promise((res, rej) => {
            const mode = n.ephemeral
              ? zookeeper.CreateMode.EPHEMERAL
              : zookeeper.CreateMode.PERSISTENT;
            const data = n.data ? Buffer.from(n.data) : undefined;
            bytes += Buffer.byteLength(n.path) + (data?.length ?? 0);
            const cb = (e) => (e ? rej(e) : res());
            if (data) client.create(n.path, data, mode, cb);
            else client.create(n.path, mode, cb);
          }),
      ),
    );
  }
  return { nodes: nodes.length, bytes };
}

function providerUrl(n, i) {
  return core.buildProviderUrl({
    host: hostOf(n),
    port: 20880,
    interface: iface(i),
    methods: ["get", "list", "put"],
    application: APP,
    version: VERSION,
    timestamp: 1700000000000,
    pid: 4242,
  });
}

function interfaceNodes(root, n) {
  const nodes = [];
  for (let i = 0; i < M; i++) {
    const url = providerUrl(n, i);
    nodes.push({
      path: `/${root}/${iface(i)}/providers/${core.ServiceUrl.encode(url.toFullString())}`,
      ephemeral: true,
    });
  }
  return nodes;
}

function curatorJson(n, revision) {
  const id = `${hostOf(n)}:20880`;
  return JSON.stringify({
    name: APP,
    id,
    address: hostOf(n),
    port: 20880,
    sslPort: null,
    payload: {
      "@class": "org.apache.dubbo.registry.zookeeper.ZookeeperInstance",
      id,
      name: APP,
      metadata: {
        "dubbo.endpoints": '[{"port":20880,"protocol":"dubbo"}]',
        "dubbo.metadata.revision": revision,
        "dubbo.metadata.storage-type": "remote",
        "meta-v": "1.0.0",
        timestamp: "1700000000000",
      },
    },
    registrationTimeUTC: 1700000000000,
    serviceType: "DYNAMIC",
    uriSpec: null,
  });
}

/** A protocol that connects nowhere: it counts the live invokers per interface. */
function countingProtocol() {
  const live = new Map();
  const bump = (k, d) => live.set(k, (live.get(k) ?? 0) + d);
  return {
    live,
    protocol: {
      name: "dubbo",
      async export() {
        throw new Error("consumer only");
      },
      refer(url) {
        bump(url.path, 1);
        let destroyed = false;
        return {
          url,
          isAvailable: () => !destroyed,
          invoke: async () => ({ value: null, attachments: {} }),
          async destroy() {
            if (destroyed) return;
            destroyed = true;
            bump(url.path, -1);
          },
        };
      },
      async close() {},
    },
  };
}

function heapMb() {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

async function measure(mode, connectString, client) {
  const root = mode === "interface" ? "scale-iface" : "scale-inst";
  const t0 = performance.now();
  let written;
  if (mode === "interface") {
    const nodes = [];
    for (let n = 1; n <= N; n++) nodes.push(...interfaceNodes(root, n));
    written = await writeAll(client, nodes);
  } else {
    const info = spi.createMetadataInfo(
      APP,
      Array.from({ length: M }, (_, i) => providerUrl(0, i)),
    );
    const nodes = [
      { path: `/${root}/metadata/${APP}/${info.revision}`, data: spi.metadataInfoJson(info) },
      ...Array.from({ length: M }, (_, i) => ({ path: `/${root}/mapping/${iface(i)}`, data: APP })),
    ];
    for (let n = 1; n <= N; n++) {
      nodes.push({
        path: `/${root}/${APP}/${hostOf(n)}:20880`,
        data: curatorJson(n, info.revision),
        ephemeral: true,
      });
    }
    written = await writeAll(client, nodes);
    measure.revision = info.revision;
  }
  log(
    `${mode}: wrote ${written.nodes} nodes, ${(written.bytes / 1048576).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const before = heapMb();
  const { live, protocol } = countingProtocol();
  const app = core.createApplication({
    name: `scale-consumer-${mode}`,
    application: {
      serviceDiscoveryMigration: mode === "interface" ? "FORCE_INTERFACE" : "FORCE_APPLICATION",
    },
    registry: { address: `zookeeper://${connectString}?group=${root}`, cacheFile: false },
    protocol: { name: "dubbo", host: "127.0.0.1" },
    plugins: { registry: createZookeeperRegistry, protocol },
    env: false,
  });
  for (let i = 0; i < K; i++) {
    app.generic({ interface: iface(i), version: VERSION, check: false, register: false });
  }
  const all = (count) => () =>
    Array.from({ length: K }, (_, i) => live.get(iface(i)) ?? 0).every((c) => c === count);
  const s0 = performance.now();
  await app.start();
  await waitFor(`${mode}: every reference lists ${N}`, all(N));
  const startMs = performance.now() - s0;
  const heap = heapMb() - before;
  const c0 = performance.now();
  const extra = N + 1;
  if (mode === "interface") await writeAll(client, interfaceNodes(root, extra));
  else
    await writeAll(client, [
      {
        path: `/${root}/${APP}/${hostOf(extra)}:20880`,
        data: curatorJson(extra, measure.revision),
        ephemeral: true,
      },
    ]);
  await waitFor(`${mode}: every reference lists ${N + 1}`, all(N + 1));
  const changeMs = performance.now() - c0;
  await app.close();
  return { mode, ...written, startMs, changeMs, heapMb: heap };
}

const dir = mkdtempSync(path.join(os.tmpdir(), "dubbo-ts-bench-scale-"));
const portBase = await findFreePortBase(9);
const ensemble = createEnsemble({
  size: 3,
  clientPort: portBase,
  peerPort: portBase + 3,
  electionPort: portBase + 6,
  dir,
  tickTime: 1000,
  heap: "768m",
});
let client;
try {
  log(`ensemble on 127.0.0.1:${portBase}; ${N} instances × ${M} interfaces, consumer refers ${K}`);
  await ensemble.start();
  client = await connect(ensemble.connectionString);
  const rows = [];
  for (const mode of ["interface", "instance"])
    rows.push(await measure(mode, ensemble.connectionString, client));
  const md = [
    `### Discovery at scale: ${N} instances × ${M} interfaces, a consumer referring ${K}`,
    "",
    "| mode | ZooKeeper nodes | ZooKeeper bytes | consumer start (all lists full) | one instance added → seen | consumer heap |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.mode} | ${r.nodes.toLocaleString("en")} | ${(r.bytes / 1048576).toFixed(2)} MB | ${r.startMs.toFixed(0)} ms | ${r.changeMs.toFixed(0)} ms | ${r.heapMb.toFixed(1)} MB |`,
    ),
  ].join("\n");
  console.log(md);
} finally {
  client?.close();
  await ensemble.stop("SIGKILL").catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
