import type { Logger } from "@dubbo-ts/core/spi";
import { describe, expect, it } from "vitest";
import { qosLoggerOf } from "../qos-logger.js";
import type { QosModel } from "../qos-model.js";
import type { CommandContext } from "./command.js";
import { gracefulShutdown } from "./graceful-shutdown.js";
import { loggerInfo, switchLogLevel } from "./logger.js";
import { offlineApp, offlineInterface, onlineApp, onlineInterface } from "./online-offline.js";

function contextWith(logger: Logger): CommandContext {
  const model = { logger: qosLoggerOf(logger) } as unknown as QosModel;
  return { model, http: true, httpCode: 200, commands: new Map() };
}

describe("a logger that is not pino's", () => {
  it("is reported, and switchLogLevel says it is not supported", () => {
    class Console {
      level = "info";
      info() {}
    }
    const context = contextWith(new Console() as unknown as Logger);
    expect(loggerInfo.execute(context, [])).toBe(
      "Available logger adapters: [pino]. Current Adapter: [Console (not pino)]. Log level: INFO",
    );
    expect(switchLogLevel.execute(context, ["debug"])).toBe(
      "switchLogLevel is not supported by this logger (Console (not pino)): pass a pino logger to change levels at run time.",
    );
  });
});

describe("permission levels (Java's @Cmd)", () => {
  it("gracefulShutdown is PRIVATE, the others the default PROTECTED", () => {
    expect(gracefulShutdown.level).toBe("PRIVATE");
    for (const c of [offlineApp, offlineInterface, onlineApp, onlineInterface, loggerInfo]) {
      expect(c.level).toBeUndefined();
    }
    expect(switchLogLevel.level).toBeUndefined();
  });
});
