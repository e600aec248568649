import type net from "node:net";
import type { ExportedServices } from "./exported-services.js";

/** Constants.DEFAULT_PROMPT of Java's remoting. */
const PROMPT = "dubbo>";
/** TelnetCodec drops a connection whose unfinished line grows past this. */
const MAX_LINE = 8192;

/**
 * The commands Java Dubbo knows on the dubbo port (2.7: `ls ps cd pwd invoke trace count select
 * shutdown` from dubbo-qos's legacy handlers, plus remoting's `clear exit help status log`).
 * A known command not listed in the protocol's `telnet` parameter gets the "disabled for security
 * reasons" answer; anything else "Unsupported command".
 */
const JAVA_COMMANDS = new Set([
  "ls",
  "ps",
  "cd",
  "pwd",
  "invoke",
  "trace",
  "count",
  "select",
  "shutdown",
  "clear",
  "exit",
  "help",
  "status",
  "log",
]);

/** The commands this port can actually run once enabled through `telnet`. */
const SUPPORTED = ["ls", "ps", "status", "help", "clear", "exit"];

/**
 * Whether bytes that do not start a Dubbo frame look like a telnet line: printable text and line
 * ends only (Java hands every non-magic read to its telnet codec; we still close on binary).
 */
export function looksLikeTelnet(chunk: Buffer): boolean {
  const n = Math.min(chunk.length, 256);
  for (let i = 0; i < n; i++) {
    const b = chunk[i]!;
    if (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
    if (b === 0x7f || b === 0xff) return false;
  }
  return true;
}

/**
 * Java's TelnetHandlerAdapter answer to one line: empty for a blank line, the command's output,
 * "Command: X disabled for security reasons, please enable support by listing the commands
 * through 'telnet'" (since 2.7.13 / 3.0.11 every command is off unless listed), or
 * "Unsupported command: X"; then `\r\n` and the prompt. `exit` returns undefined (close).
 */
export function answerTelnet(
  line: string,
  enabled: ReadonlySet<string>,
  context: { services: ExportedServices; port: number; connections: () => readonly string[] },
): string | undefined {
  const message = line.replace("--no-prompt", "").trim();
  const noPrompt = line.includes("--no-prompt");
  const space = message.indexOf(" ");
  const command = space > 0 ? message.slice(0, space) : message;
  const args = space > 0 ? message.slice(space + 1).trim() : "";
  let out = "";
  if (command !== "") {
    if (!JAVA_COMMANDS.has(command) && !SUPPORTED.includes(command)) {
      out = `Unsupported command: ${command}`;
    } else if (!enabled.has(command)) {
      out = `Command: ${command} disabled for security reasons, please enable support by listing the commands through 'telnet'`;
    } else {
      switch (command) {
        case "exit":
          return undefined;
        case "ls":
          out = `PROVIDER:\r\n${context.services.keys().join("\r\n")}`;
          break;
        case "ps":
          out = args.includes("-l") ? context.connections().join("\r\n") : String(context.port);
          break;
        case "status":
          out = "OK";
          break;
        case "clear":
          out = "\u001b[2J";
          break;
        case "help":
          out = `Please input "help [command]" show detail.\r\n${SUPPORTED.filter((c) => enabled.has(c)).join("\r\n")}`;
          break;
        default:
          out = `Unsupported command: ${command}`;
      }
    }
  }
  if (out.length > 0) out += "\r\n";
  return noPrompt ? out : out + PROMPT;
}

/** Parses the protocol's `telnet` parameter (`"ls,ps"`) into the set of enabled commands. */
export function enabledTelnetCommands(telnet: string | undefined): ReadonlySet<string> {
  return new Set(
    (telnet ?? "")
      .split(",")
      .map((c) => c.trim())
      .filter((c) => c !== ""),
  );
}

/**
 * Turns a connection whose first bytes were a telnet line into a telnet session (until `exit`
 * or the idle timeout): each line gets `answerTelnet`'s reply. Only `server.ts` calls this.
 */
export function serveTelnetLines(
  socket: net.Socket,
  first: Buffer,
  enabled: ReadonlySet<string>,
  context: Parameters<typeof answerTelnet>[2],
): void {
  let pending = "";
  const onData = (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    for (;;) {
      const end = pending.indexOf("\n");
      if (end < 0) break;
      const line = pending.slice(0, end).replace(/\r$/, "");
      pending = pending.slice(end + 1);
      const answer = answerTelnet(line, enabled, context);
      if (answer === undefined) {
        socket.end();
        return;
      }
      socket.write(answer);
    }
    if (pending.length > MAX_LINE) socket.destroy();
  };
  socket.removeAllListeners("data");
  socket.on("data", onData);
  onData(first);
}
