#!/usr/bin/env node
// `npm run demo`: the classic Dubbo tutorial on one machine — a 3-node ZooKeeper ensemble on
// 2181/2182/2183, two sellergoods-service instances (20881, 20882) and the sellergoods-web app
// (8080). Ctrl-C (or SIGTERM) stops everything and leaves no process behind.
//
// Ports: DEMO_ZK_PORT (2181), DEMO_SERVICE_PORTS ("20881,20882"), PORT (8080).
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEnsemble, isPortFree } from "./zk-ensemble.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const zkPort = Number(process.env.DEMO_ZK_PORT ?? 2181);
const servicePorts = (process.env.DEMO_SERVICE_PORTS ?? "20881,20882").split(",").map(Number);
const webPort = Number(process.env.PORT ?? 8080);

const ensemble = createEnsemble({
  size: 3,
  clientPort: zkPort,
  peerPort: zkPort + 700, // 2881.. as in the classic tutorial
  electionPort: zkPort + 1700, // 3881..
  dir: path.join(root, ".zk", "demo"),
});
const registry = `zookeeper://${ensemble.connectionString}`;
const children = [];
let stopping = false;

function log(message) {
  console.log(`[demo] ${message}`);
}

function startChild(name, workspace, env) {
  const entry = path.join(root, workspace, "dist", "main.js");
  if (!existsSync(entry)) {
    log(`${name}: ${workspace} has no build output (${entry}); skipped`);
    return;
  }
  const child = spawn(process.execPath, [entry], {
    cwd: path.join(root, workspace),
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (!stopping) log(`${name} exited (${signal ?? code})`);
  });
  children.push({ name, child });
}

async function stopAll(reason) {
  if (stopping) return;
  stopping = true;
  log(`${reason}: stopping…`);
  const exits = children.map(
    ({ child }) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", resolve);
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  );
  await Promise.all(exits);
  await ensemble.stop("SIGTERM");
  log("stopped; no process left behind");
  process.exit(0);
}

process.on("SIGINT", () => void stopAll("SIGINT"));
process.on("SIGTERM", () => void stopAll("SIGTERM"));

async function main() {
  for (const port of [...servicePorts, webPort]) {
    if (!(await isPortFree(port)))
      throw new Error(`port ${port} is busy; free it or set DEMO_SERVICE_PORTS / PORT`);
  }
  log("building (tsc -b)…");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-b"],
    { cwd: root, stdio: "inherit" },
  );
  log(`starting ZooKeeper ensemble on 127.0.0.1:${zkPort}-${zkPort + 2}…`);
  const status = await ensemble.start();
  for (const s of status) log(`  zookeeper node${s.id} 127.0.0.1:${s.clientPort} ${s.mode}`);
  for (const [i, port] of servicePorts.entries()) {
    startChild(`sellergoods-service #${i + 1}`, "examples/sellergoods-service", {
      DUBBO_REGISTRY_ADDRESS: registry,
      DUBBO_PROTOCOL_PORT: String(port),
      // One QoS port per instance (telnet/curl 127.0.0.1:22222, 22223…), as for two Java instances.
      DUBBO_APPLICATION_QOS_PORT: String(22222 + i),
      SELLERGOODS_DB: path.join(root, ".run", `sellergoods.db`),
    });
  }
  startChild("sellergoods-web", "examples/sellergoods-web", {
    DUBBO_REGISTRY_ADDRESS: registry,
    PORT: String(webPort),
  });
  log(`registry: ${registry}`);
  if (children.length === 0)
    log("the sellergoods examples are not built yet; only the ensemble runs");
  log(`open http://127.0.0.1:${webPort}/  (Ctrl-C stops everything)`);
  // The ensemble runs detached; this keeps the demo (and its Ctrl-C handler) alive until stopped.
  setInterval(() => {}, 1 << 30);
}

main().catch(async (err) => {
  console.error(`[demo] ${err.message}`);
  await ensemble.stop("SIGKILL").catch(() => {});
  for (const { child } of children) child.kill("SIGKILL");
  process.exit(1);
});
