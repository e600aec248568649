import type net from "node:net";
import type { CommandExecutor } from "./command-executor.js";
import { CLOSE } from "./commands/command.js";

/** QosProcessHandler.PROMPT. */
export const PROMPT = "dubbo>";
/** DubboLogo.DUBBO: the welcome Java writes 500 ms after a telnet client connects. */
export const WELCOME = [
  "   ___   __  __ ___   ___   ____     ",
  "  / _ \\ / / / // _ ) / _ ) / __ \\  ",
  " / // // /_/ // _  |/ _  |/ /_/ /    ",
  "/____/ \\____//____//____/ \\____/   ",
  "",
].join("\n");
/** LineBasedFrameDecoder(2048) in Java's telnet pipeline. */
const MAX_LINE = 2048;
/** Telnet IAC IP (what a telnet client sends for Ctrl-C) followed by IAC DO TIMING-MARK (CtrlCHandler). */
const CTRL_C = Buffer.from([0xff, 0xf4, 0xff, 0xfd, 0x06]);

/**
 * Splits a command line as TelnetCommandDecoder does: on spaces not escaped by `\`, except that
 * everything after `invoke ` is one argument (JSON may hold spaces).
 */
export function parseCommandLine(line: string): { name: string; args: string[] } {
  const text = line.trim();
  const parts = text.split(/(?<!\\) /);
  const name = parts[0]!.trim();
  if (name === "invoke" && parts.length > 2) {
    return { name, args: [text.slice(text.indexOf(" ") + 1).trim()] };
  }
  return { name, args: parts.slice(1) };
}

/**
 * One telnet session (TelnetProcessHandler): reads lines, runs one command at a time in order,
 * answers `result\r\ndubbo>`, or Java's `<line> :no such command` / `:permission deny` /
 * `:fail to execute commandContext by <message>`, says `BYE!` and closes on `quit`.
 */
export function serveTelnet(
  socket: net.Socket,
  executor: CommandExecutor,
  address: string,
  first: Buffer,
): void {
  let pending: Buffer = Buffer.alloc(0);
  let queue: Promise<unknown> = Promise.resolve();
  const run = async (line: string) => {
    if (line.trim() === "") {
      socket.write(PROMPT);
      return;
    }
    const { name, args } = parseCommandLine(line);
    const result = await executor.execute(name, args, { address, http: false });
    if (socket.destroyed) return;
    const msg = line.trim();
    switch (result.kind) {
      case "done":
        if (result.text === CLOSE) socket.end("BYE!\n");
        else socket.write(`${result.text}\r\n${PROMPT}`);
        break;
      case "no-such-command":
        socket.write(`${msg} :no such command\r\n${PROMPT}`);
        break;
      case "permission-denied":
        socket.write(`${msg} :permission deny\r\n${PROMPT}`);
        break;
      case "failed":
        socket.write(`${msg} :fail to execute commandContext by ${result.message}\r\n${PROMPT}`);
        break;
    }
  };
  const onData = (chunk: Buffer) => {
    if (chunk.includes(CTRL_C)) {
      pending = Buffer.alloc(0);
      socket.write(`\r\n${PROMPT}`);
      return;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      const end = pending.indexOf(0x0a);
      if (end < 0) break;
      const line = pending.subarray(0, end).toString("utf8").replace(/\r$/, "");
      pending = pending.subarray(end + 1);
      queue = queue.then(() => run(line)).catch(() => void socket.destroy());
    }
    if (pending.length > MAX_LINE) {
      socket.end(`\r\nline longer than ${MAX_LINE} bytes\r\n`);
    }
  };
  socket.on("data", onData);
  onData(first);
}
