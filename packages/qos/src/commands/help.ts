import { renderTable } from "../table.js";
import { CLOSE, type QosCommand } from "./command.js";

/** `help` and `help <command>` (Help.java): the command table, or one command's examples. */
export const help: QosCommand = {
  name: "help",
  summary: "help command",
  example: ["help", "help online"],
  execute({ commands }, args) {
    const columns = [{ align: "right" as const }, { align: "left" as const, width: 80 }];
    if (args.length > 0) {
      const command = commands.get(args[0]!);
      if (!command) return `no such command:${args[0]}`;
      const rows = [["COMMAND NAME", command.name]];
      if (command.example) rows.push(["EXAMPLE", command.example.map((e) => `${e}\n`).join("")]);
      return renderTable(rows, columns, 1);
    }
    return renderTable(
      [...commands.values()].map((c) => [c.name, c.summary]),
      columns,
      1,
    );
  },
};

/** `version` (Version.java): `dubbo version "<release>"`, the release written in our URLs. */
export const version: QosCommand = {
  name: "version",
  summary: "version command(show dubbo version)",
  example: ["version"],
  execute: ({ model }) => `dubbo version "${model.version}"`,
};

/** `quit` (Quit.java): ends a telnet session with "BYE!". */
export const quit: QosCommand = {
  name: "quit",
  summary: "quit telnet console",
  level: "PUBLIC",
  execute: () => CLOSE,
};
