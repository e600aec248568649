import { renderTelnetTable } from "../table.js";
import type { QosCommand } from "./command.js";

/**
 * `count <service> [method]` (CountTelnet.java): total, failed, active, average and max elapsed
 * per method of an exported service. Java repeats the table `times` times a second apart on the
 * telnet channel; we answer once (a third argument is accepted and checked, not repeated).
 */
export const count: QosCommand = {
  name: "count",
  summary: "Count the service.",
  example: ["count [service] [method] [times]"],
  execute({ model }, args) {
    if (args.length === 0) {
      return 'Please input service name, eg: \r\ncount XxxService\r\ncount XxxService xxxMethod\r\ncount XxxService xxxMethod 10\r\nor "cd XxxService" firstly.';
    }
    const service = args[0]!;
    let method: string | undefined = args[1];
    let times = args[2] ?? "1";
    if (method !== undefined && /^\d+$/.test(method)) {
      times = method;
      method = undefined;
    }
    if (!/^\d+$/.test(times)) return `Illegal times ${times}, must be integer.`;
    const provider = model
      .providers()
      .find(
        (p) =>
          p.serviceKey === service ||
          p.interface === service ||
          p.interface.slice(p.interface.lastIndexOf(".") + 1) === service,
      );
    if (!provider) return `No such service ${service}`;
    if (method !== undefined && !provider.methods.includes(method)) {
      return `No such method ${method} in class ${provider.interface}`;
    }
    const rows = model
      .count(provider.serviceKey)
      .filter((c) => method === undefined || c.method === method)
      .map((c) => [
        c.method,
        String(c.total),
        String(c.failed),
        String(c.active),
        `${Math.round(c.averageMs)}ms`,
        `${Math.round(c.maxMs)}ms`,
      ]);
    return `\r\n${renderTelnetTable(["method", "total", "failed", "active", "average", "max"], rows)}`;
  },
};
