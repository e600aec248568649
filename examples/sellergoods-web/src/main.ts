/**
 * jd-sellergoods-web: the brand management page and JSON endpoints on `PORT` (default 8080,
 * 127.0.0.1), calling BrandService through ZooKeeper discovery. Environment (each optional):
 *
 * - `DUBBO_REGISTRY_ADDRESS` (default `zookeeper://127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183`)
 * - `DUBBO_APPLICATION_NAME` (default jd-sellergoods-web), `PORT`, `HOST` (default 127.0.0.1)
 *
 * It starts without any provider (the page then says so) and picks providers up as they register.
 * SIGTERM/SIGINT stop the HTTP server, then the Dubbo application (`@dubbo-ts/fastify` closes it in
 * Fastify's onClose).
 */
import { createDefaultLogger } from "@dubbo-ts/core";
import { dubbo } from "@dubbo-ts/fastify";
import { createDubboProtocol } from "@dubbo-ts/protocol";
import { createZookeeperRegistry } from "@dubbo-ts/registry-zookeeper";
import { createTripleProtocol } from "@dubbo-ts/triple";
import { BrandController } from "./brand-controller.js";
import { createWebServer } from "./web-server.js";

const DEFAULT_REGISTRY = "zookeeper://127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183";

const port = Number(process.env.PORT || 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new RangeError(`PORT must be an integer from 0 to 65535, got "${process.env.PORT}"`);
}
const host = process.env.HOST || "127.0.0.1";

const controller = new BrandController();
// Human-readable on a terminal, JSON lines when stderr is a pipe or a file; LOG_LEVEL=debug for more.
const logger = createDefaultLogger({
  name: "sellergoods-web",
  level: (process.env.LOG_LEVEL as "info" | undefined) ?? "info",
});
// `web.dubbo`: the application @dubbo-ts/fastify decorates the instance with.
const web = createWebServer({
  controller,
  loggerInstance: logger,
  health: () => web.dubbo.health(),
});
// The Dubbo application starts while Fastify boots (listen) and closes in Fastify's onClose.
void web.register(dubbo, {
  name: "jd-sellergoods-web",
  registry: { address: DEFAULT_REGISTRY },
  // The consumer registers itself with this address (no provider port is opened).
  protocol: { name: "dubbo", host: "127.0.0.1" },
  // Start without a provider: the page reports "no provider" until one registers.
  consumer: { check: false },
  components: [controller],
  // With both plugins, BrandService providers over dubbo:// and tri:// are all used.
  plugins: {
    registry: createZookeeperRegistry,
    protocol: { dubbo: createDubboProtocol, tri: createTripleProtocol },
  },
  logger,
  env: process.env,
});

// The HTTP server stops before the Dubbo application (its requests still call providers): this
// app handles the signals itself and closes Fastify, whose onClose closes Dubbo (the plugin turns
// core's own signal hook off). A second signal during the stop is ignored: it must not cut the
// graceful close short (npm forwards one when a group is signalled).
let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) {
    web.log.warn({ signal }, "already stopping; send SIGKILL to stop at once");
    return;
  }
  stopping = true;
  web.log.info({ signal }, "stopping");
  await web.close().catch((err: unknown) => web.log.error({ err }, "close failed"));
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

try {
  const address = await web.listen({ port, host });
  web.log.info(`brand management page: ${address}/`);
} catch (err) {
  web.log.fatal({ err }, "start failed");
  await web.close().catch(() => {});
  process.exit(1);
}
