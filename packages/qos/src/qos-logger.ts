import type { Logger } from "@dubbo-ts/core/spi";
import type { QosLogger } from "./qos-model.js";

/**
 * The QoS view of the application's logger. A pino logger (the default, or one passed as
 * `logger`) changes level by assigning `level`; the loggers made from it with `child()` (the
 * registry's, the protocol's, QoS's own) follow, as they keep no level of their own. Anything
 * else with pino's shape but not its level table is reported, not changed.
 */
export function qosLoggerOf(logger: Logger): QosLogger {
  const values = (logger as { levels?: { values?: Record<string, number> } }).levels?.values;
  const pino = typeof values === "object" && values !== null && typeof logger.level === "string";
  if (!pino) {
    return {
      adapter: `${logger.constructor?.name ?? "unknown"} (not pino)`,
      level: () => (typeof logger.level === "string" ? logger.level : undefined),
    };
  }
  return {
    adapter: "pino",
    level: () => logger.level,
    setLevel: (level) => {
      logger.level = level;
    },
  };
}
