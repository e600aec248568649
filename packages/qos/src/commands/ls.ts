import { renderTable } from "../table.js";
import type { QosCommand } from "./command.js";

const MIDDLE = [{ align: "middle" as const }, { align: "middle" as const }];

/**
 * `ls` (Ls.java): two tables, providers with their registration state per registry
 * (`zookeeper-I(Y)`: interface-level, registered) and consumers with the number of providers
 * known per registry (`zookeeper-I(2)`), each sorted by service key.
 */
export const ls: QosCommand = {
  name: "ls",
  summary: "ls service",
  example: ["ls"],
  execute({ model }) {
    const providers = [...model.providers()].sort((a, b) =>
      a.serviceKey.localeCompare(b.serviceKey),
    );
    const consumers = [...model.consumers()].sort((a, b) =>
      a.serviceKey.localeCompare(b.serviceKey),
    );
    const pub = providers.map((p) => [
      p.serviceKey,
      p.registry ? `${p.registry}-I(${p.registered ? "Y" : "N"})` : "",
    ]);
    const num = consumers.map((c) => [
      c.serviceKey,
      c.registry ? `${c.registry}-I(${c.providers})` : String(c.providers),
    ]);
    return (
      `As Provider side:\n${renderTable([["Provider Service Name", "PUB"], ...pub], MIDDLE)}` +
      `As Consumer side:\n${renderTable([["Consumer Service Name", "NUM"], ...num], MIDDLE)}`
    );
  },
};
