import type { Filter } from "../filter.js";
import { ECHO_METHOD } from "../generic.js";

/**
 * Provider side (Java's EchoFilter, the outermost): `$echo(x)` returns `x` without reaching the
 * service, whatever the token or limits. Protocols pass `$echo` requests through the filters.
 */
export const echoFilter: Filter = (next) => (invocation) => {
  if (invocation.methodName === ECHO_METHOD && invocation.args.length === 1) {
    return Promise.resolve({ value: invocation.args[0], attachments: {} });
  }
  return next(invocation);
};
