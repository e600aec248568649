import type { QosCommand } from "./command.js";

/**
 * Java's `Level` names (SwitchLogLevel.java also takes their ordinals 0–6) as pino levels: ALL is
 * pino's lowest (`trace`), OFF is `silent`; pino's own `fatal` and `silent` are accepted too.
 */
const LEVELS: Readonly<Record<string, string>> = {
  ALL: "trace",
  TRACE: "trace",
  DEBUG: "debug",
  INFO: "info",
  WARN: "warn",
  ERROR: "error",
  FATAL: "fatal",
  OFF: "silent",
  SILENT: "silent",
};
const ORDINALS = ["ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"];

/** A pino level in Java's spelling (`silent` is OFF). */
function javaName(level: string | undefined): string {
  if (level === undefined) return "unknown";
  return level === "silent" ? "OFF" : level.toUpperCase();
}

/** `loggerInfo` (LoggerInfo.java): the logger in use and its level. */
export const loggerInfo: QosCommand = {
  name: "loggerInfo",
  summary: "Print logger info",
  example: ["loggerInfo"],
  execute({ model }) {
    const logger = model.logger;
    if (!logger) return "Logger info is not available in this application.";
    return `Available logger adapters: [pino]. Current Adapter: [${logger.adapter}]. Log level: ${javaName(logger.level())}`;
  },
};

/**
 * `switchLogLevel <level>` (SwitchLogLevel.java): sets the application's log level, by Java's
 * name (any case) or ordinal; an unknown level is answered, not thrown (Java's `Level.valueOf`
 * would fail the command).
 */
export const switchLogLevel: QosCommand = {
  name: "switchLogLevel",
  summary: "Switch log level",
  example: ["switchLogLevel info"],
  execute({ model }, args) {
    if (args.length !== 1) return "Unexpected argument length.";
    const arg = args[0]!;
    const name = /^[0-6]$/.test(arg) ? ORDINALS[Number(arg)]! : arg.toUpperCase();
    const level = LEVELS[name];
    if (level === undefined) {
      return `Unknown log level "${arg}": use one of ALL, TRACE, DEBUG, INFO, WARN, ERROR, OFF (any case) or 0-6.`;
    }
    const setLevel = model.logger?.setLevel;
    if (!setLevel) {
      return `switchLogLevel is not supported by this logger (${model.logger?.adapter ?? "none"}): pass a pino logger to change levels at run time.`;
    }
    setLevel(level);
    return "OK";
  },
};
