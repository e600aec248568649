import { createRequire } from "node:module";
import { pino } from "pino";

/** The logger every package takes: a pino logger (or anything with pino's shape). */
export type Logger = pino.Logger;

/**
 * A logger that writes nothing: the default of the building blocks (registry, protocol, cluster)
 * when used on their own, and what tests pass to stay quiet.
 */
export const silentLogger: Logger = pino({ level: "silent" });

export interface DefaultLoggerOptions {
  /** Lowest level written; default `warn` (warnings and errors only). */
  readonly level?: pino.LevelWithSilent | undefined;
  /** pino's `name` field, e.g. the application name. */
  readonly name?: string | undefined;
  /**
   * Human-readable lines (pino-pretty) instead of JSON. Default: when stderr is a terminal, so a
   * person reading a console sees sentences and a log collector reading a pipe gets JSON.
   */
  readonly pretty?: boolean | undefined;
}

const require = createRequire(import.meta.url);

/**
 * The logger an application uses when it is given none: pino writing to stderr synchronously
 * (so a warning is not lost when the process exits right after it), `warn` and above, JSON, or
 * human-readable through pino-pretty when stderr is a TTY. pino-pretty is loaded only then, and
 * used as a stream in this thread (no transport worker that would keep the process alive).
 */
export function createDefaultLogger(options: DefaultLoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = { level: options.level ?? "warn" };
  if (options.name !== undefined) settings.name = options.name;
  if (options.pretty ?? process.stderr.isTTY === true) {
    const pretty = require("pino-pretty") as (
      options: Record<string, unknown>,
    ) => NodeJS.WritableStream;
    return pino(
      settings,
      pretty({
        destination: 2,
        sync: true,
        translateTime: "SYS:HH:MM:ss.l",
        ignore: "pid,hostname",
        singleLine: true,
      }),
    );
  }
  return pino(settings, pino.destination({ fd: 2, sync: true }));
}

let shared: Logger | undefined;

/**
 * One `createDefaultLogger()` per process, shared by every application created without a
 * `logger`, so that many applications do not open many streams.
 */
export function defaultLogger(): Logger {
  shared ??= createDefaultLogger();
  return shared;
}
