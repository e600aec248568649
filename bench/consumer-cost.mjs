#!/usr/bin/env node
// The consumer's per-call cost, counted rather than timed: promises created (async_hooks), bytes
// allocated (V8's sampling heap profiler, objects later collected included) and the functions that
// allocate most, per call of one scenario through an implementation's client (dubbo-ts by default).
// The provider runs in a worker thread, so only the consumer's promises and allocations count.
//
//   node bench/consumer-cost.mjs [--impl=dubbo-ts] [--scenario=echo] [--calls=20000] [--concurrency=32]
//
// Runs on the build output (`npx tsc -b`), like the bench agents.
import { createHook } from "node:async_hooks";
import { Session } from "node:inspector/promises";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { SCENARIOS } from "./lib/payloads.mjs";

const option = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

if (!isMainThread) {
  const impl = (await import(`./impls/${workerData.impl}.mjs`)).default;
  const server = await impl.startServer({ host: "127.0.0.1" });
  parentPort.postMessage(server.port);
  parentPort.once("message", async () => {
    await server.close();
    parentPort.close();
  });
} else {
  const implName = option("impl", "dubbo-ts");
  const scenario = option("scenario", "echo");
  const calls = Number(option("calls", "20000"));
  const concurrency = Number(option("concurrency", "32"));
  const worker = new Worker(new URL(import.meta.url), { workerData: { impl: implName } });
  const port = await new Promise((resolve) => worker.once("message", resolve));
  const impl = (await import(`./impls/${implName}.mjs`)).default;
  const client = await impl.startClient({ host: "127.0.0.1", port });
  const call = client.calls[scenario];
  const arg = SCENARIOS[scenario].arg;
  const run = async (n) => {
    let next = 0;
    const loop = async () => {
      while (next < n) await call(arg(next++));
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
  };
  await run(calls); // warm-up (JIT, caches)

  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === "PROMISE") promises++;
    },
  });
  hook.enable();
  await run(calls);
  hook.disable();
  // The loop's own promises (one per call for `await call()`, plus the workers') are the bench's.
  const loopPromises = calls + 2 * concurrency + 1;

  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await run(calls);
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  const bySite = new Map();
  let bytes = 0;
  const walk = (node) => {
    const f = node.callFrame;
    const file = f.url.split("/").slice(-2).join("/");
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    bytes += node.selfSize;
    if (node.selfSize) bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
    for (const c of node.children) walk(c);
  };
  walk(profile.head);

  console.log(
    `${implName} ${scenario}, ${calls} calls at concurrency ${concurrency} (consumer only):`,
  );
  console.log(
    `  promises per call: ${((promises - loopPromises) / calls).toFixed(2)} (the bench loop's own excluded)`,
  );
  console.log(`  bytes allocated per call: ~${Math.round(bytes / calls)} (sampled every 256 B)`);
  for (const [k, v] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${String(Math.round(v / calls)).padStart(6)} B/call  ${k}`);
  await client.close();
  worker.postMessage("close");
}
