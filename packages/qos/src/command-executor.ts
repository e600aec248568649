import type { Logger } from "@dubbo-ts/core/spi";
import type { CommandContext, QosCommand } from "./commands/command.js";
import { type AccessPolicy, mayRun } from "./permission.js";
import type { QosModel } from "./qos-model.js";

/** The outcome of one command line: Java's answer, or why there is none. */
export type Execution =
  | { readonly kind: "done"; readonly text: string; readonly httpCode: number }
  | { readonly kind: "no-such-command" }
  | { readonly kind: "permission-denied" }
  | { readonly kind: "failed"; readonly message: string };

/** Runs commands by name with Java's permission check (DefaultCommandExecutor). */
export interface CommandExecutor {
  execute(
    name: string,
    args: readonly string[],
    caller: { readonly address: string; readonly http: boolean },
  ): Promise<Execution>;
}

export function createCommandExecutor(options: {
  readonly commands: readonly QosCommand[];
  readonly model: QosModel;
  readonly policy: AccessPolicy;
  readonly logger: Logger;
}): CommandExecutor {
  const commands = new Map(options.commands.map((c) => [c.name, c]));
  const { logger, policy, model } = options;
  return {
    async execute(name, args, caller) {
      const log = { command: name, args, remote: caller.address };
      const command = commands.get(name);
      if (!command) {
        logger.info(log, "qos: no such command");
        return { kind: "no-such-command" };
      }
      if (!mayRun(policy, caller.address, name, command.level ?? "PROTECTED")) {
        logger.warn({ ...log, required: command.level ?? "PROTECTED" }, "qos: permission denied");
        return { kind: "permission-denied" };
      }
      const context: CommandContext = { model, http: caller.http, httpCode: 200, commands };
      try {
        const text = await command.execute(context, args);
        logger.info(log, "qos: command done");
        return { kind: "done", text, httpCode: context.httpCode };
      } catch (e) {
        logger.warn({ ...log, err: e }, "qos: command failed");
        return { kind: "failed", message: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
