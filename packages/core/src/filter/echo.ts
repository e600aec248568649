import type { Filter } from "../filter.js";

/** Method name of the liveness check every Dubbo service answers (EchoService). */
export const ECHO_METHOD = "$echo";

/**
 * Provider side (Java's EchoFilter, the outermost): `$echo(x)` returns `x` without reaching the
 * service, whatever the token or limits.
 */
export const echoFilter: Filter = (next) => (invocation) => {
  if (invocation.methodName === ECHO_METHOD && invocation.args.length === 1) {
    return Promise.resolve({ value: invocation.args[0], attachments: {} });
  }
  return next(invocation);
};
