import type { QosCommand } from "./command.js";
import { offline } from "./online-offline.js";

/**
 * `gracefulShutdown` (GracefulShutdown.java): takes every service offline at both levels (what
 * `offline` with no pattern does) and answers "OK"; the process and its servers keep running,
 * calls in flight finish, and closing is left to `shutdown` or the process manager. Java also
 * sends its dubbo protocol's read-only event to connected consumers first; our consumers follow
 * the registry instead.
 */
export const gracefulShutdown: QosCommand = {
  name: "gracefulShutdown",
  summary: "Gracefully shutdown servers",
  example: ["gracefulShutdown"],
  level: "PRIVATE",
  async execute(context) {
    await offline.execute(context, []);
    return "OK";
  },
};
