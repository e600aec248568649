import { createWriteStream, type WriteStream } from "node:fs";
import type { Filter } from "../filter.js";
import type { Invocation } from "../invocation.js";
import type { Logger } from "../logger.js";
import { Code, RpcError } from "../rpc-error.js";
import { serviceKey } from "../service-url.js";

/** `yyyy-MM-dd HH:mm:ss.SSS` in local time, as Java's AccessLogData. */
function timestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
  } catch {
    return "[unserializable]";
  }
}

/**
 * One access-log line in Java's format (AccessLogData.getLogMessage):
 * `[invokeTime] -> [responseTime] remote -> local - [group/]interface[:version] method(types) args`.
 */
export function formatAccessLog(invocation: Invocation, start: number, end: number): string {
  const key = serviceKey(invocation.serviceName, invocation.version, invocation.group);
  return `[${timestamp(start)}] -> [${timestamp(end)}] ${invocation.remoteAddress ?? "?"} -> ${invocation.localAddress ?? "?"} - ${key} ${invocation.methodName}(${invocation.parameterTypes.join(",")}) ${json(invocation.args)}`;
}

/** A filter that also owns a resource to release at shutdown. */
export type ClosableFilter = Filter & { close(): Promise<void> };

/**
 * Provider side (Java's AccessLogFilter, enabled by `accesslog`): `true` writes each call through
 * `logger` at info level (logger name `dubbo.accesslog.<interface>`, structured fields service,
 * method, remote, elapsedMs, plus the Java-format line as the message); a string appends the
 * lines to that file (no daily rolling). Logging happens after the call, never in the codec.
 */
export function createAccessLogFilter(
  accesslog: true | string,
  iface: string,
  logger: Logger,
): ClosableFilter {
  let stream: WriteStream | undefined;
  const log = logger.child({ name: `dubbo.accesslog.${iface}` });
  const write = (invocation: Invocation, start: number, end: number, code?: string) => {
    const line = formatAccessLog(invocation, start, end);
    if (accesslog === true) {
      log.info(
        {
          service: serviceKey(invocation.serviceName, invocation.version, invocation.group),
          method: invocation.methodName,
          remote: invocation.remoteAddress,
          elapsedMs: end - start,
          ...(code ? { code } : {}),
        },
        line,
      );
    } else {
      stream ??= createWriteStream(accesslog, { flags: "a" }).on("error", (e) =>
        logger.error({ err: e, file: accesslog }, "cannot write the access log"),
      );
      stream.write(`${line}\n`);
    }
  };
  const filter: Filter = (next) => async (invocation) => {
    const start = Date.now();
    try {
      const result = await next(invocation);
      write(invocation, start, Date.now(), result.exception ? "Biz" : undefined);
      return result;
    } catch (e) {
      write(invocation, start, Date.now(), Code[RpcError.from(e).code]);
      throw e;
    }
  };
  return Object.assign(filter, {
    close: () =>
      new Promise<void>((resolve) => {
        if (!stream) return resolve();
        stream.end(() => resolve());
        stream = undefined;
      }),
  });
}
