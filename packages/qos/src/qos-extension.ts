import type { Application, ApplicationExtension, Logger } from "@dubbo-ts/core/spi";
import { createCommandExecutor } from "./command-executor.js";
import type { QosCommand } from "./commands/command.js";
import { BUILTIN_COMMANDS } from "./commands/index.js";
import type { MetricsExtension } from "./metrics/metrics-extension.js";
import { qosLoggerOf } from "./qos-logger.js";
import { createCallCounter, qosModelOf } from "./qos-model-of.js";
import { type QosServer, startQosServer } from "./qos-server.js";
import { qosSettings } from "./qos-settings.js";

export interface QosOptions {
  /** Where to listen; default all interfaces (Java's `qos.host` unset). */
  readonly host?: string | undefined;
  /** Extra commands, or replacements of built-in ones by name. */
  readonly commands?: readonly QosCommand[] | undefined;
  /** The metrics extension whose Prometheus text `metrics` and `GET /metrics` serve. */
  readonly metrics?: MetricsExtension | undefined;
  /** Commands anonymous (foreign) callers may run whatever their level (`qos.anonymous.access.allow.commands`). */
  readonly anonymousAllowCommands?: readonly string[] | undefined;
}

/** The QoS extension: an `ApplicationExtension` plus the port it listens on once started. */
export interface QosExtension extends ApplicationExtension<Application> {
  /** The bound port, or undefined when disabled, not started, or the port was taken. */
  readonly port: number | undefined;
}

/**
 * Java Dubbo's QoS server for a dubbo-ts application: `createApplication({ extensions:
 * [qosExtension()] })`. Started with the application (before the first export, as Java starts it
 * with the first export, so `startup`/`ready` answer 503 while it starts), configured by
 * `application.qosEnable`, `qosPort`, `qosAcceptForeignIp`, `qosAcceptForeignIpWhitelist`,
 * `qosAnonymousAccessPermissionLevel` (and their `DUBBO_APPLICATION_QOS_*` variables); a port in
 * use is a warning, not a failure. Closed last when the application closes.
 */
export function qosExtension(options: QosOptions = {}): QosExtension {
  let server: QosServer | undefined;
  const counter = createCallCounter();
  const commands = new Map(BUILTIN_COMMANDS.map((c) => [c.name, c]));
  for (const c of options.commands ?? []) commands.set(c.name, c);
  return {
    name: "qos",
    get port() {
      return server?.port;
    },
    async start({ app, config, logger }) {
      const settings = qosSettings(config, options);
      if (!settings.enable) {
        logger.info(
          "qos won't be started because it is disabled (application.qosEnable / DUBBO_APPLICATION_QOS_ENABLE)",
        );
        return undefined;
      }
      const model = qosModelOf(app, {
        counter,
        metrics: options.metrics ? () => options.metrics!.text() : undefined,
        logger: qosLoggerOf(logger),
      });
      const qosLogger: Logger = logger.child({ component: "qos" });
      server = await startQosServer({
        host: options.host,
        port: settings.port,
        policy: settings.policy,
        executor: createCommandExecutor({
          commands: [...commands.values()],
          model,
          policy: settings.policy,
          logger: qosLogger,
        }),
        logger: qosLogger,
      });
      return { provider: [counter.filter] };
    },
    async close() {
      await server?.close();
    },
  };
}
