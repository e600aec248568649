import type { Filter } from "../filter.js";
import { Code, RpcError } from "../rpc-error.js";

/**
 * Provider side (Java's TokenFilter): rejects calls whose `token` attachment differs from the
 * service's token with `Code.Forbidden` ("Invalid token! …"), which protects a provider from
 * consumers that bypass the registry (where the token is published).
 */
export function createTokenFilter(token: string, service: string): Filter {
  return (next) => (invocation) => {
    const sent = invocation.attachments.token;
    if (sent !== token) {
      return Promise.reject(
        new RpcError(
          Code.Forbidden,
          `Invalid token! Forbid invoke remote service ${service} method ${invocation.methodName}() from consumer ${invocation.remoteAddress ?? "(unknown)"} to provider ${invocation.localAddress ?? "(local)"}, consumer incorrect token is ${sent === undefined ? "null" : String(sent)}`,
        ),
      );
    }
    return next(invocation);
  };
}
