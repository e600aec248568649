import { type Command, type CommandIo, EXIT, UsageError } from "./command.js";
import { contractsCommand } from "./commands/contracts.js";
import { describeCommand } from "./commands/describe.js";
import { invokeCommand } from "./commands/invoke.js";
import { lsCommand } from "./commands/ls.js";
import { pingCommand } from "./commands/ping.js";
import { qosCommand } from "./commands/qos.js";

/** Every subcommand, by name. A new command is one file under `commands/` and one entry here. */
export const COMMANDS: readonly Command[] = [
  contractsCommand,
  lsCommand,
  describeCommand,
  invokeCommand,
  pingCommand,
  qosCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "usage: dubbo-ts <command> [options]   (dubbo-ts <command> --help for its options)",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "exit codes: 0 done, 1 failed or out of date, 2 wrong command line",
    "",
  ].join("\n");
}

/**
 * Runs `dubbo-ts <command> …` and resolves to the exit code (see `EXIT`). Errors a command throws
 * are printed as one line (a `UsageError` with the command's usage), never as a stack trace.
 */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`dubbo-ts: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dubbo-ts ${name}: ${e.message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    io.err(`dubbo-ts ${name}: ${describeError(e)}\n`);
    return EXIT.failed;
  }
}

/** One line: the message, and the Java exception class of an RpcError when it does not say it. */
function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const javaClass = (e as { javaClass?: unknown }).javaClass;
  return typeof javaClass === "string" && !e.message.includes(javaClass)
    ? `${e.message} (${javaClass})`
    : e.message;
}

/**
 * `runCli` with its output collected instead of written: for scripts and tests that look at
 * what a command printed. `cwd` (default the process's) resolves relative paths.
 */
export async function runCliCaptured(
  argv: readonly string[],
  cwd: string = process.cwd(),
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    cwd,
  });
  return { code, out, err };
}
