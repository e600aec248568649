import type { PermissionLevelName } from "../permission.js";
import type { QosModel } from "../qos-model.js";

/** What a command gets besides its arguments. */
export interface CommandContext {
  readonly model: QosModel;
  /** True for HTTP (`curl http://127.0.0.1:22222/ls`), false for telnet. */
  readonly http: boolean;
  /** The HTTP status of the answer (Java's `CommandContext.setHttpCode`); default 200. */
  httpCode: number;
  /** Every command, for `help`. */
  readonly commands: ReadonlyMap<string, QosCommand>;
}

/**
 * One QoS command as Java's `@Cmd` + `BaseCommand`: name, summary and examples for `help`, the
 * permission level a caller needs (default PROTECTED), and `execute`, whose text is the answer.
 * Returning `CLOSE` ends a telnet session (`quit`).
 */
export interface QosCommand {
  readonly name: string;
  readonly summary: string;
  readonly example?: readonly string[];
  readonly level?: PermissionLevelName;
  execute(context: CommandContext, args: readonly string[]): string | Promise<string>;
}

/** QosConstants.CLOSE: the answer that makes the telnet handler say "BYE!" and close. */
export const CLOSE = "close!";
