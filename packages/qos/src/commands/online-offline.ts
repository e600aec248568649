import type { RegistrationLevel } from "@dubbo-ts/core/spi";
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

/** A command that registers again (`online`) or takes out (`offline`) the matching services. */
function registrationCommand(
  action: "online" | "offline",
  name: string,
  summary: string,
  level: RegistrationLevel | undefined,
): QosCommand {
  return {
    name,
    summary,
    example: [`${name} dubbo`, `${name} xx.xx.xxx.service`],
    async execute({ model }, args) {
      return (await model[action](matcher(args), level)) ? "OK" : "service not found";
    },
  };
}

/** `online [service]` (Online.java/BaseOnline): registers again what `offline` took out. */
export const online = registrationCommand("online", "online", "online app addresses", undefined);

/** `onlineApp [service]` (OnlineApp.java): the application instance's MetadataInfo side only. */
export const onlineApp = registrationCommand("online", "onlineApp", "online app addresses", "app");

/** `onlineInterface [service]` (OnlineInterface.java): the interface-level provider URLs only. */
export const onlineInterface = registrationCommand(
  "online",
  "onlineInterface",
  "online dubbo",
  "interface",
);

/**
 * `offline [service]` (Offline.java/BaseOffline): unregisters the matching services from the
 * registry, at interface and application level, without stopping them; consumers stop choosing
 * this instance, calls in flight finish.
 */
export const offline = registrationCommand(
  "offline",
  "offline",
  "offline app addresses",
  undefined,
);

/**
 * `offlineApp [service]` (OfflineApp.java): takes the services out of the application instance's
 * MetadataInfo (republished), leaving their `/dubbo/<interface>/providers` nodes.
 */
export const offlineApp = registrationCommand(
  "offline",
  "offlineApp",
  "offline app addresses",
  "app",
);

/**
 * `offlineInterface [service]` (OfflineInterface.java): unregisters the interface-level provider
 * URLs only; the application instance keeps listing the services.
 */
export const offlineInterface = registrationCommand(
  "offline",
  "offlineInterface",
  "offline dubbo",
  "interface",
);
