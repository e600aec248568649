import { readFile } from "node:fs/promises";
import type { ApplicationHealth } from "@dubbo-ts/core";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from "fastify";
import type { BrandController } from "./brand-controller.js";

/** The page's files (no build step), next to `src/` and `dist/`. */
const PUBLIC_DIR = new URL("../public/", import.meta.url);

const STATIC_FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/app.css": { file: "app.css", type: "text/css; charset=utf-8" },
};

export interface WebServerOptions {
  /** The controller whose `brandService` the application has injected. */
  controller: BrandController;
  /** Fastify's logger option (its own pino): `true`, pino options, or `false` for none. */
  logger?: FastifyServerOptions["logger"];
  /** A pino logger to use instead (e.g. `createDefaultLogger()`, shared with the application). */
  loggerInstance?: FastifyBaseLogger;
  /** The Dubbo application's health (`app.health`), served at `GET /health`. */
  health?: (() => ApplicationHealth) | undefined;
}

/**
 * The jd-sellergoods-web HTTP app: the brand management page at `/`, the `/brand/*` JSON
 * endpoints and `/health`. Creating it does no I/O; `listen()` starts it and `close()` stops it.
 */
export function createWebServer(options: WebServerOptions): FastifyInstance {
  const app = options.loggerInstance
    ? Fastify({ loggerInstance: options.loggerInstance })
    : Fastify({ logger: options.logger ?? false });
  for (const [url, { file, type }] of Object.entries(STATIC_FILES)) {
    app.get(url, async (_req, reply) => {
      const content = await readFile(new URL(file, PUBLIC_DIR));
      return reply.type(type).header("cache-control", "no-cache").send(content);
    });
  }
  options.controller.routes(app);
  const health = options.health;
  if (health) {
    // 200 when the Dubbo application is ready, 503 otherwise; the body says why.
    app.get("/health", async (_req, reply) => {
      const h = health();
      return reply.code(h.ready ? 200 : 503).send(h);
    });
  }
  // Malformed JSON and other Fastify-level failures answer in the same shape as the endpoints.
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, "request failed");
    const code = status < 500 ? "BadRequest" : "Internal";
    return reply.code(status).send({ success: false, message: err.message, code });
  });
  return app;
}
