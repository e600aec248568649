import type { ResolvedConfig } from "@dubbo-ts/core/spi";
import { type AccessPolicy, createWhitelist, parsePermissionLevel } from "./permission.js";

/** QosConstants.DEFAULT_PORT. */
export const DEFAULT_QOS_PORT = 22222;

/** The QoS settings after Java's defaults (QosProtocolWrapper.startQosServer). */
export interface QosSettings {
  readonly enable: boolean;
  readonly port: number;
  readonly policy: AccessPolicy;
}

/**
 * Reads `application.qos*` (already merged from environment, code and config file by core) and
 * applies Java's defaults: enabled, port 22222, foreign IPs refused, no whitelist, anonymous level
 * PUBLIC. A bad whitelist entry or level is a RangeError naming where it came from.
 */
export function qosSettings(
  config: ResolvedConfig,
  extra: { anonymousAllowCommands?: readonly string[] | undefined } = {},
): QosSettings {
  const app = config.application;
  const where = (key: string) => config.sources[`application.${key}`] ?? `application.${key}`;
  return {
    enable: app.qosEnable ?? true,
    port: app.qosPort ?? DEFAULT_QOS_PORT,
    policy: {
      acceptForeignIp: app.qosAcceptForeignIp ?? false,
      whitelist: createWhitelist(
        app.qosAcceptForeignIpWhitelist ?? "",
        where("qosAcceptForeignIpWhitelist"),
      ),
      anonymousLevel: parsePermissionLevel(
        app.qosAnonymousAccessPermissionLevel ?? "PUBLIC",
        where("qosAnonymousAccessPermissionLevel"),
      ),
      anonymousAllowCommands: extra.anonymousAllowCommands ?? [],
    },
  };
}
