/**
 * jd-sellergoods-service: exports `com.jd.sellergoods.service.BrandService:1.0.0` over the Dubbo
 * protocol (or Triple) and registers it in ZooKeeper. Environment (each optional):
 *
 * - `DUBBO_REGISTRY_ADDRESS` (default `zookeeper://127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183`)
 * - `DUBBO_PROTOCOL_NAME`: `dubbo` (default) or `tri` (Triple, gRPC-compatible HTTP/2)
 * - `SELLERGOODS_TRI_PORT`: also export over Triple on this port (both protocols, two URLs)
 * - `DUBBO_PROTOCOL_PORT` (default 20881), `DUBBO_APPLICATION_NAME` (default jd-sellergoods-service)
 * - `DUBBO_IP_TO_REGISTRY`: the address registered for consumers (default 127.0.0.1: the demo
 *   runs on one machine; set the host's address to serve other machines)
 * - `SELLERGOODS_DB`: the SQLite file (default `./data/sellergoods.db`, created and seeded)
 * - `DUBBO_APPLICATION_QOS_PORT` (default 22222), `DUBBO_APPLICATION_QOS_ENABLE`: the QoS port
 *   (telnet and HTTP: `curl http://127.0.0.1:22222/ls`, `/ready`, `/offline`, `/metrics`)
 *
 * SIGTERM/SIGINT unregister the service, finish the calls in flight and exit.
 */
import { createApplication, createDefaultLogger } from "@dubbo-ts/core";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { metricsExtension, qosExtension } from "@dubbo-ts/qos";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { openBrandRepository } from "./brand-repository.js";
import { answeredByFilter, BrandServiceImpl } from "./brand-service-impl.js";

const DEFAULT_REGISTRY = "zookeeper://127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183";
const DEFAULT_PORT = 20881;
const HOST = "127.0.0.1";

// Human-readable on a terminal, JSON lines when stderr is a pipe or a file; LOG_LEVEL=debug for more.
const logger = createDefaultLogger({
  name: "sellergoods-service",
  level: (process.env.LOG_LEVEL as "info" | undefined) ?? "info",
});
const triPort = process.env.SELLERGOODS_TRI_PORT
  ? Number(process.env.SELLERGOODS_TRI_PORT)
  : undefined;
const database = process.env.SELLERGOODS_DB || "./data/sellergoods.db";
const repository = openBrandRepository(database);

// Prometheus metrics with Java Dubbo's names, served by the QoS server at /metrics.
const metrics = metricsExtension();
const app = createApplication({
  name: "jd-sellergoods-service",
  registry: { address: DEFAULT_REGISTRY },
  protocol: { name: "dubbo", port: DEFAULT_PORT, host: HOST },
  // With SELLERGOODS_TRI_PORT, over the default protocol and Triple (Java's protocol="dubbo,tri").
  ...(triPort === undefined ? {} : { protocols: { tri: { port: triPort } } }),
  services: [
    triPort === undefined
      ? new BrandServiceImpl(repository)
      : { implementation: new BrandServiceImpl(repository), protocol: ["dubbo", "tri"] },
  ],
  // Every response names this instance, so the web page can show who answered.
  filters: { provider: [answeredByFilter(() => app.exported[0]?.address)] },
  // Both protocol plugins: DUBBO_PROTOCOL_NAME picks the default one.
  plugins: {
    registry: createZookeeperRegistry,
    protocol: { dubbo: createDubboProtocol, tri: createTripleProtocol },
  },
  extensions: [metrics, qosExtension({ metrics })],
  logger,
  // Environment variables (DUBBO_REGISTRY_ADDRESS, DUBBO_PROTOCOL_PORT…) win over the code above.
  env: process.env,
});

// SIGTERM/SIGINT close the application gracefully (the default, shutdown.hook): unregister,
// answer the calls in flight, close; a second signal meanwhile does not interrupt it. Then this
// closes the database and exits.
app.closeOnSignals(undefined, () => {
  repository.close();
  process.exit(0);
});

try {
  await app.start();
  logger.info(
    { database, exported: app.exported.map((url) => url.toFullString()) },
    `BrandService ready on ${app.exported[0]?.address}`,
  );
} catch (err) {
  logger.fatal({ err }, "start failed");
  repository.close();
  process.exit(1);
}
