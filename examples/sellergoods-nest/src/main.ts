/**
 * jd-sellergoods-nest: the brand JSON endpoints of sellergoods-web on NestJS (Express), calling
 * BrandService through ZooKeeper discovery. Environment (each optional):
 *
 * - `DUBBO_REGISTRY_ADDRESS` (default `zookeeper://127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183`)
 * - `DUBBO_APPLICATION_NAME` (default jd-sellergoods-nest), `PORT` (default 8081), `HOST` (default
 *   127.0.0.1)
 *
 * SIGTERM/SIGINT run Nest's shutdown hooks: the Dubbo application closes gracefully
 * (`beforeApplicationShutdown`), then the HTTP server.
 */
import "reflect-metadata";
import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app-module.js";
import { HttpFailureFilter } from "./http-failure-filter.js";

const port = Number(process.env.PORT || 8081);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new RangeError(`PORT must be an integer from 0 to 65535, got "${process.env.PORT}"`);
}
const host = process.env.HOST || "127.0.0.1";

const app = await NestFactory.create(AppModule, { logger: ["log", "warn", "error"] });
app.useGlobalFilters(new HttpFailureFilter());
app.enableShutdownHooks();
await app.listen(port, host);
console.log(`sellergoods-nest: brand endpoints on http://${host}:${port}/brand/findAll`);
