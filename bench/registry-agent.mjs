// A provider or consumer process for the registry figures (bench/registry.mjs), built with the
// dubbo-ts application API and the ZooKeeper registry, as a user's service would be.
//
//   node bench/registry-agent.mjs provider <name> <zookeeper address> <session timeout ms>
//   node bench/registry-agent.mjs consumer <zookeeper address>
//
// The service is one method, `who()`, answering the provider's name, so the consumer knows which
// provider served each call. The consumer calls through two references at once, each with two
// calls in flight and a 1 ms pause between calls: one with the default cluster (failover: a failed
// call is retried on another provider, so callers see no error) and one with `cluster: failfast`
// (a call routed to a dead provider fails, so the failures show how long it was still chosen).
// It keeps, per reference and provider, the first and last time a call was answered, and every
// failure with its time. Control protocol: lib/channel.mjs.
import { emit, serveCommands } from "./lib/channel.mjs";

const PROBE = {
  interface: "org.apache.dubbo.benchmark.service.RegistryProbe",
  methods: [{ name: "who", parameterTypes: [], returnType: "java.lang.String" }],
};

const [role, ...rest] = process.argv.slice(2);
const core = await import("@dubbo-ts/core");
const { createDubboProtocol } = await import("@dubbo-ts/protocol");
const { createZookeeperRegistry } = await import("@dubbo-ts/registry-zookeeper");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (role === "provider") {
  const [name, address, sessionTimeout] = rest;
  const app = core.createApplication({
    name: `bench-${name}`,
    registry: { address, sessionTimeout: Number(sessionTimeout), cacheFile: false },
    protocol: { name: "dubbo", port: 0, host: "127.0.0.1" },
    services: [{ implementation: { who: async () => name }, contract: PROBE }],
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    env: false,
  });
  await app.start();
  const registeredAt = Date.now();
  serveCommands(async (command) => {
    if (command.cmd === "stats") return { registry: app.registry.stats() };
    if (command.cmd === "exit" || command.cmd === "stdin-closed") {
      const closingAt = Date.now();
      await app.close({ timeoutMs: 5000 });
      setTimeout(() => process.exit(0), 20);
      return { closingAt, closedAt: Date.now() };
    }
    throw new Error(`unknown command ${command.cmd}`);
  });
  emit({ event: "ready", port: app.exported[0].port, registeredAt, pid: process.pid });
} else if (role === "consumer") {
  const [address] = rest;
  const app = core.createApplication({
    name: "bench-registry-consumer",
    registry: { address, cacheFile: false },
    plugins: { registry: createZookeeperRegistry, protocol: createDubboProtocol },
    consumer: { check: false, timeout: 3000 },
    env: false,
  });
  await app.start();
  const refs = {
    failover: app.reference(PROBE, {}),
    failfast: app.reference(PROBE, { cluster: "failfast" }),
  };
  const state = {};
  const reset = () => {
    for (const k of Object.keys(refs)) state[k] = { providers: {}, failures: [], calls: 0 };
  };
  reset();
  let running = true;
  const loop = async (kind) => {
    while (running) {
      const s = state[kind];
      try {
        const who = await refs[kind].who();
        const now = Date.now();
        s.providers[who] ??= { first: now, last: now, count: 0 };
        const p = s.providers[who];
        p.last = now;
        p.count++;
        s.calls++;
      } catch (err) {
        if (s.failures.length < 5000) {
          s.failures.push({
            at: Date.now(),
            code: err?.code,
            message: String(err?.message).slice(0, 200),
          });
        }
      }
      await sleep(1);
    }
  };
  const loops = [loop("failover"), loop("failover"), loop("failfast"), loop("failfast")];
  serveCommands(async (command) => {
    switch (command.cmd) {
      case "stats":
        return { stats: state, now: Date.now() };
      case "reset":
        reset();
        return {};
      case "exit":
      case "stdin-closed":
        running = false;
        await Promise.race([Promise.all(loops), sleep(5000)]);
        await app.close({ timeoutMs: 3000 });
        setTimeout(() => process.exit(0), 20);
        return {};
      default:
        throw new Error(`unknown command ${command.cmd}`);
    }
  });
  emit({ event: "ready", pid: process.pid });
} else {
  console.error("usage: registry-agent.mjs provider <name> <zk> <sessionMs> | consumer <zk>");
  process.exit(2);
}
