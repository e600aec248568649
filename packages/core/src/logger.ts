import { pino } from "pino";

/** The logger every package takes: a pino logger (or anything with pino's shape). */
export type Logger = pino.Logger;

/**
 * A logger that writes nothing: the default everywhere, so libraries and tests stay quiet unless
 * the application passes its own (`pino()` or Fastify's `app.log`).
 */
export const silentLogger: Logger = pino({ level: "silent" });
