import {
  type ClientContext,
  peekServerContext,
  RESERVED_ATTACHMENTS,
  RpcContext,
  type ServerContext,
  serveCall,
} from "../context.js";
import type { Filter, Invoke } from "../filter.js";
import type { Invocation } from "../invocation.js";
import type { Result } from "../result.js";

/**
 * Consumer side (Java's ConsumerContextFilter): adds the attachments of the enclosing
 * `RpcContext.withAttachments` scope and, inside a service method, the non-reserved attachments
 * the provider received (propagation, e.g. trace ids). The call's own attachments win. Records the
 * response attachments in the client scope.
 */
export const consumerContextFilter: Filter = (next) => (invocation) => {
  const client = RpcContext.client();
  // A peek: reading the server context here must not enter its scope (nothing to propagate
  // unless the call carried its own attachments, and then it is scoped already).
  const server = peekServerContext();
  // Nothing to add (the usual call): the next step's promise itself, no promise of this filter's
  // own waiting for it. A synchronous throw still becomes a rejection, as from an async filter.
  if (!client && !server) {
    try {
      return next(invocation);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return withContext(next, invocation, client, server);
};

async function withContext(
  next: Invoke,
  invocation: Invocation,
  client: ClientContext | undefined,
  server: ServerContext | undefined,
): Promise<Result> {
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
}

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
