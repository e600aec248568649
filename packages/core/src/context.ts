import { AsyncLocalStorage } from "node:async_hooks";
import type { Invocation } from "./invocation.js";

/**
 * Attachment keys owned by the framework (DubboInvoker / ContextFilter): they describe one hop
 * and are never copied from a provider's incoming call to the calls it makes.
 */
export const RESERVED_ATTACHMENTS: ReadonlySet<string> = new Set([
  "path",
  "interface",
  "version",
  "group",
  "timeout",
  "_TO",
  "token",
  "dubbo",
  "generic",
  "id",
  "async",
  "retries",
  "input",
  "output",
  "remote.application",
]);

/** The consumer-side scope opened by `RpcContext.withAttachments`. */
export interface ClientContext {
  /** Sent with every call made inside the scope (a call's own attachments win). */
  readonly attachments: Readonly<Record<string, unknown>>;
  /** The attachments of the last response received inside the scope (Java's client response context). */
  responseAttachments: Record<string, unknown>;
}

/** The provider-side context of the call being served (Java's server context). */
export interface ServerContext {
  readonly invocation: Invocation;
  /** Attachments the consumer sent (Java's `getServerAttachment()`). */
  readonly attachments: Readonly<Record<string, unknown>>;
  /** The consumer's `host:port`, when the protocol reported it. */
  readonly remoteAddress: string | undefined;
  readonly localAddress: string | undefined;
  /** Attachments to return with the response (Java's `getServerContext().setAttachment`). */
  readonly responseAttachments: Record<string, unknown>;
}

const clientStorage = new AsyncLocalStorage<ClientContext>();
const serverStorage = new AsyncLocalStorage<ServerContext>();

/**
 * Java's `RpcContext`, built on AsyncLocalStorage so it follows `await` instead of a thread.
 *
 * - Consumer: `RpcContext.withAttachments({ traceId }, () => brandService.findAll())` sends
 *   `traceId` with every call made inside the callback, awaited or not; the scope's
 *   `responseAttachments` then holds what the provider returned. A `timeout` attachment sets the
 *   timeout of those calls (ms), as in Java.
 * - Provider: `RpcContext.server()` inside a service method gives the incoming attachments and the
 *   caller's address; put values in `responseAttachments` to send them back.
 * - Propagation: attachments a provider received are passed on to the calls it makes, except the
 *   framework's own keys (`RESERVED_ATTACHMENTS`).
 */
export const RpcContext = {
  withAttachments<T>(attachments: Record<string, unknown>, fn: (context: ClientContext) => T): T {
    const outer = clientStorage.getStore();
    const context: ClientContext = {
      attachments: { ...outer?.attachments, ...attachments },
      responseAttachments: {},
    };
    return clientStorage.run(context, () => fn(context));
  },

  /** The consumer scope around the current code, if any. */
  client(): ClientContext | undefined {
    return clientStorage.getStore();
  },

  /** The call being served, inside a service method (or a provider filter); else undefined. */
  server(): ServerContext | undefined {
    return serverStorage.getStore();
  },

  /** Runs `fn` as the handling of `invocation` (used by the provider context filter). */
  runAsServer<T>(invocation: Invocation, fn: (context: ServerContext) => T): T {
    const context: ServerContext = {
      invocation,
      attachments: invocation.attachments,
      remoteAddress: invocation.remoteAddress,
      localAddress: invocation.localAddress,
      responseAttachments: {},
    };
    return serverStorage.run(context, () => fn(context));
  },
};
