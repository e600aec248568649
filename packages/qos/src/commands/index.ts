import type { QosCommand } from "./command.js";
import { count } from "./count.js";
import { help, quit, version } from "./help.js";
import { invoke } from "./invoke.js";
import { ls } from "./ls.js";
import { metrics, metricsDefault } from "./metrics.js";
import { offline, online } from "./online-offline.js";
import { live, ready, startup } from "./probes.js";
import { ps } from "./ps.js";
import { shutdown } from "./shutdown.js";

/** Every built-in command, in `help` order. */
export const BUILTIN_COMMANDS: readonly QosCommand[] = [
  help,
  version,
  quit,
  ls,
  ps,
  online,
  offline,
  ready,
  live,
  startup,
  invoke,
  count,
  shutdown,
  metrics,
  metricsDefault,
];
