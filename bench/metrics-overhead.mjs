#!/usr/bin/env node
// Metrics overhead, same run, interleaved: a provider and a consumer application in one process
// over real TCP on 127.0.0.1 (createApplication, as users write it), with and without
// `metricsExtension()` on both sides, echo and getUser at 32 calls in flight. Rounds alternate the
// variants so machine load hits both alike; prints QPS and process CPU µs per call per round and
// the medians. (`npm run bench` runs client and server in separate processes; use
// `--impls=dubbo-ts-app,dubbo-ts-metrics` there for the full tables.)
//
//   npx tsc -b && node bench/metrics-overhead.mjs [--rounds=5] [--ms=2000] [--concurrency=32]
import { defineBenchClasses, definition, implementation } from "./impls/dubbo-ts.mjs";
import { VERSION } from "./lib/payloads.mjs";

const arg = (k, d) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split("=")[1] ?? d);
const ROUNDS = arg("rounds", 5);
const MS = arg("ms", 2000);
const CONCURRENCY = arg("concurrency", 32);

const core = await import("@dubbo-ts/core");
const { createDubboProtocol } = await import("@dubbo-ts/protocol");
const { metricsExtension } = await import("@dubbo-ts/qos");
defineBenchClasses(core);

async function pair(withMetrics, processMetrics = true) {
  const extensions = () => (withMetrics ? [metricsExtension({ processMetrics })] : []);
  const provider = core.createApplication({
    name: "overhead-provider",
    registry: false,
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    services: [{ implementation, contract: definition, version: VERSION }],
    plugins: { protocol: createDubboProtocol },
    extensions: extensions(),
    env: false,
  });
  await provider.start();
  const consumer = core.createApplication({
    name: "overhead-consumer",
    registry: false,
    plugins: { protocol: createDubboProtocol },
    extensions: extensions(),
    env: false,
  });
  await consumer.start();
  const proxy = consumer.reference(definition, {
    url: `dubbo://127.0.0.1:${provider.exported[0].port}`,
    version: VERSION,
    timeout: 60_000,
  });
  await proxy.echo("ready");
  return {
    calls: { echo: () => proxy.echo("hello"), getUser: () => proxy.getUser(1) },
    close: async () => {
      await consumer.close({ timeoutMs: 1000 });
      await provider.close({ timeoutMs: 1000 });
    },
  };
}

async function measure(call) {
  const end = performance.now() + MS;
  let done = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await call();
        done++;
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { qps: (done * 1000) / (performance.now() - t0), cpuUs: (cpu.user + cpu.system) / done };
}

const variants = {
  off: await pair(false),
  metrics: await pair(true),
  "metrics without process metrics": await pair(true, false),
};
const results = {};
for (const scenario of ["echo", "getUser"]) {
  for (const v of Object.keys(variants)) await measure(variants[v].calls[scenario]); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    const names = Object.keys(variants);
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const v of order) {
      const m = await measure(variants[v].calls[scenario]);
      const key = `${scenario} ${v}`;
      results[key] = [...(results[key] ?? []), m];
      console.error(
        `${scenario} round ${r} ${v}: ${m.qps.toFixed(0)} req/s, ${m.cpuUs.toFixed(1)} µs CPU/call`,
      );
    }
  }
}
for (const v of Object.values(variants)) await v.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log("| scenario | metrics | QPS (median) | CPU µs/call (median, both sides) |");
console.log("|---|---|---:|---:|");
for (const [k, ms] of Object.entries(results)) {
  const [scenario, ...rest] = k.split(" ");
  const v = rest.join(" ");
  console.log(
    `| ${scenario} c=${CONCURRENCY} | ${v} | ${median(ms.map((m) => m.qps)).toFixed(0)} | ${median(ms.map((m) => m.cpuUs)).toFixed(1)} |`,
  );
}
