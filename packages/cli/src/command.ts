import { type ParseArgsConfig, parseArgs } from "node:util";

/** Where a command writes: the process's streams, or buffers in tests. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Directory relative paths are resolved against (the process's cwd). */
  readonly cwd: string;
}

/**
 * Exit codes every command uses, so scripts can tell failures apart: 0 done, 1 the command ran
 * and the answer is "no" or it failed (out-of-date files, an unreachable service), 2 the command
 * line is wrong (unknown command or option, missing argument).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** One `dubbo-ts <name>` subcommand; each lives in its own file under `commands/`. */
export interface Command {
  readonly name: string;
  /** One line for `dubbo-ts --help`. */
  readonly summary: string;
  /** The full help text of `dubbo-ts <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * `node:util` `parseArgs` with positionals allowed, its errors (unknown option, missing value)
 * turned into a UsageError so that they exit 2 with the command's usage.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>> {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
