import type { QosCommand } from "./command.js";
import { count } from "./count.js";
import { gracefulShutdown } from "./graceful-shutdown.js";
import { help, quit, version } from "./help.js";
import { invoke } from "./invoke.js";
import { loggerInfo, switchLogLevel } from "./logger.js";
import { ls } from "./ls.js";
import { metrics, metricsDefault } from "./metrics.js";
import {
  offline,
  offlineApp,
  offlineInterface,
  online,
  onlineApp,
  onlineInterface,
} from "./online-offline.js";
import { live, ready, startup } from "./probes.js";
import { ps } from "./ps.js";
import { shutdown } from "./shutdown.js";

/**
 * Every built-in command, in `help` order: ours as before, Java's newer commands placed where its
 * command list (META-INF/dubbo/internal/org.apache.dubbo.qos.api.BaseCommand) puts them.
 */
export const BUILTIN_COMMANDS: readonly QosCommand[] = [
  help,
  version,
  quit,
  ls,
  ps,
  online,
  onlineApp,
  onlineInterface,
  offline,
  offlineApp,
  offlineInterface,
  ready,
  live,
  startup,
  invoke,
  count,
  shutdown,
  loggerInfo,
  switchLogLevel,
  gracefulShutdown,
  metrics,
  metricsDefault,
];
