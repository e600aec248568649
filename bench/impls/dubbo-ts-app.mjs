// dubbo-ts through its application API, as users write it: the provider is
// `createApplication({ services: [{ implementation, contract, version }], registry: false })`, the
// consumer `app.reference(contract, { url: "dubbo://host:port" })` — so every call also goes
// through the consumer's context filter, cluster (failover), static directory and referred invoker,
// and the provider's filters and service invoker: what sofa-rpc-node's RpcClient/RpcServer rows
// pay for their middleware, load balancer and service lookup.

import { VERSION } from "../lib/payloads.mjs";
import {
  defineBenchClasses,
  definition,
  dubboTsUnavailable,
  implementation,
  userServiceCalls,
} from "./dubbo-ts.mjs";

/**
 * A started createApplication provider serving the bench service on a free port of `host`;
 * `workers` sets `protocol.workers` (lib/workers-provider.mjs), `extensions` (optional) is a
 * function returning application extensions (dubbo-ts-metrics.mjs).
 */
export async function startAppProvider({ host, workers, extensions }) {
  const core = await import("@dubbo-ts/core");
  const { createDubboProtocol } = await import("@dubbo-ts/protocol");
  defineBenchClasses(core);
  const app = core.createApplication({
    name: "bench-provider",
    registry: false,
    protocol: { name: "dubbo", port: 0, host, ...(workers === undefined ? {} : { workers }) },
    services: [{ implementation, contract: definition, version: VERSION }],
    plugins: { protocol: createDubboProtocol },
    extensions: (await extensions?.()) ?? [],
    env: false,
  });
  await app.start();
  return { core, app };
}

/** A createApplication consumer of the provider at `host:port` (`connections` per reference). */
export async function startAppClient({ host, port, extensions, connections }) {
  const core = await import("@dubbo-ts/core");
  const { createDubboProtocol } = await import("@dubbo-ts/protocol");
  defineBenchClasses(core);
  const app = core.createApplication({
    name: "bench-consumer",
    registry: false,
    plugins: { protocol: createDubboProtocol },
    extensions: (await extensions?.()) ?? [],
    env: false,
  });
  await app.start();
  const proxy = app.reference(definition, {
    url: `dubbo://${host}:${port}`,
    version: VERSION,
    timeout: 60_000,
    ...(connections === undefined ? {} : { connections }),
  });
  await proxy.echo("ready");
  return {
    calls: userServiceCalls(proxy),
    close: () => app.close({ timeoutMs: 1000 }),
  };
}

export default {
  name: "dubbo-ts-app",
  label: "dubbo-ts (createApplication)",

  unavailable: () => dubboTsUnavailable({ core: ["createApplication"] }),

  async startServer({ host, extensions }) {
    const { app } = await startAppProvider({ host, extensions });
    return {
      port: app.exported[0].port,
      close: () => app.close({ timeoutMs: 1000 }),
    };
  },

  startClient: ({ host, port, extensions }) => startAppClient({ host, port, extensions }),
};
