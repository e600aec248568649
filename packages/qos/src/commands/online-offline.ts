import type { QosProvider } from "../qos-model.js";
import type { QosCommand } from "./command.js";

/**
 * Java matches `servicePattern` as a whole-string regular expression against the service key
 * (`group/interface:version`) and its display form (`interface:version`); we also accept the
 * plain interface name, so `offline com.x.BrandService` works as people expect.
 */
function matcher(args: readonly string[]): (p: QosProvider) => boolean {
  const pattern = new RegExp(`^(?:${args[0] ?? ".*"})$`);
  return (p) => {
    const display = p.serviceKey.includes("/")
      ? p.serviceKey.slice(p.serviceKey.indexOf("/") + 1)
      : p.serviceKey;
    return pattern.test(p.serviceKey) || pattern.test(display) || pattern.test(p.interface);
  };
}

/** `online [service]` (Online.java/BaseOnline): registers again what `offline` took out. */
export const online: QosCommand = {
  name: "online",
  summary: "online app addresses",
  example: ["online dubbo", "online xx.xx.xxx.service"],
  async execute({ model }, args) {
    return (await model.online(matcher(args))) ? "OK" : "service not found";
  },
};

/**
 * `offline [service]` (Offline.java/BaseOffline): unregisters the matching services from the
 * registry without stopping them; consumers stop choosing this instance, calls in flight finish.
 */
export const offline: QosCommand = {
  name: "offline",
  summary: "offline app addresses",
  example: ["offline dubbo", "offline xx.xx.xxx.service"],
  async execute({ model }, args) {
    return (await model.offline(matcher(args))) ? "OK" : "service not found";
  },
};
