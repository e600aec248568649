export { type CommandExecutor, createCommandExecutor, type Execution } from "./command-executor.js";
export type { CommandContext, QosCommand } from "./commands/command.js";
export { BUILTIN_COMMANDS } from "./commands/index.js";
export { CallStats, type Outcome, outcomeOf } from "./metrics/call-stats.js";
export {
  createDubboMetrics,
  type DubboMetrics,
  type DubboMetricsOptions,
  METHOD_LABELS,
  type Side,
} from "./metrics/dubbo-metrics.js";
export {
  type MetricsExtension,
  type MetricsOptions,
  metricsExtension,
} from "./metrics/metrics-extension.js";
export {
  type AccessPolicy,
  createWhitelist,
  FOREIGN_IP_REFUSED,
  isLoopback,
  mayConnect,
  mayRun,
  PermissionLevel,
  type PermissionLevelName,
  parsePermissionLevel,
} from "./permission.js";
export { type QosExtension, type QosOptions, qosExtension } from "./qos-extension.js";
export type {
  QosConsumer,
  QosCount,
  QosModel,
  QosProvider,
  QosServer as QosServerInfo,
} from "./qos-model.js";
export { createCallCounter, qosModelOf } from "./qos-model-of.js";
export { type QosServer, type QosServerOptions, startQosServer } from "./qos-server.js";
export { DEFAULT_QOS_PORT, type QosSettings, qosSettings } from "./qos-settings.js";
export { renderTable, renderTelnetTable } from "./table.js";
export { PROMPT, parseCommandLine, WELCOME } from "./telnet-session.js";
