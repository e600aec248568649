import { peekServerContext, RESERVED_ATTACHMENTS, RpcContext, serveCall } from "../context.js";
import type { Filter } from "../filter.js";

/**
 * Consumer side (Java's ConsumerContextFilter): adds the attachments of the enclosing
 * `RpcContext.withAttachments` scope and, inside a service method, the non-reserved attachments
 * the provider received (propagation, e.g. trace ids). The call's own attachments win. Records the
 * response attachments in the client scope.
 */
export const consumerContextFilter: Filter = (next) => async (invocation) => {
  const client = RpcContext.client();
  // A peek: reading the server context here must not enter its scope (nothing to propagate
  // unless the call carried its own attachments, and then it is scoped already).
  const server = peekServerContext();
  if (!client && !server) return next(invocation);
  const attachments: Record<string, unknown> = {};
  if (server) {
    for (const [k, v] of Object.entries(server.attachments)) {
      if (!RESERVED_ATTACHMENTS.has(k)) attachments[k] = v;
    }
  }
  Object.assign(attachments, client?.attachments, invocation.attachments);
  const result = await next({ ...invocation, attachments });
  if (client) client.responseAttachments = { ...result.attachments };
  return result;
};

/**
 * Provider side (Java's ContextFilter): runs the rest of the chain as the call `RpcContext.server()`
 * describes, and returns the `responseAttachments` set there with the result. The
 * AsyncLocalStorage scope is entered only when needed (see `serveCall`).
 */
export const providerContextFilter: Filter = (next) => (invocation) =>
  serveCall(invocation, async (context) => {
    const result = await next(invocation);
    if (Object.keys(context.responseAttachments).length === 0) return result;
    return { ...result, attachments: { ...result.attachments, ...context.responseAttachments } };
  });
