import type { QosCommand } from "./command.js";

/**
 * `ps [-l] [port]` (PortTelnet.java): the listening ports (`-l`: `dubbo://host:port`), or the
 * connections of one port (`-l`: `remote -> local`), one per line joined by `\r\n`.
 */
export const ps: QosCommand = {
  name: "ps",
  summary: "Print server ports and connections.",
  example: ["ps -l [port]", "ps", "ps -l", "ps -l 20880"],
  execute({ model }, args) {
    let detail = false;
    let port: string | undefined;
    for (const part of args) {
      if (part === "-l") detail = true;
      else if (!/^\d+$/.test(part)) return `Illegal port ${part}, must be integer.`;
      else port = part;
    }
    const servers = model.servers();
    if (port === undefined) {
      return servers
        .map((s) => (detail ? `${s.protocol}://${s.host}:${s.port}` : String(s.port)))
        .join("\r\n");
    }
    const server = servers.find((s) => s.port === Number(port));
    if (!server) return `No such port ${port}`;
    return server.connections
      .map((c) => (detail ? `${c.remote} -> ${c.local}` : c.remote))
      .join("\r\n");
  },
};
