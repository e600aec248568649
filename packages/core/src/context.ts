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
  /**
   * Aborted when the consumer cancels the call or its deadline passes (or the server stops),
   * with the reason; undefined when the protocol cannot tell (dubbo://). Triple sets it
   * (`Invocation.signal`): its AbortController is made only when this is first read.
   */
  readonly signal: AbortSignal | undefined;
}

const clientStorage = new AsyncLocalStorage<ClientContext>();
const serverStorage = new AsyncLocalStorage<ServerContext>();

/**
 * The server context of the call whose synchronous part is running (`serveCall`), if that call
 * is not scoped in `serverStorage`. Only ever set while synchronous code of that call runs.
 */
let syncServer: ServerContext | undefined;
/** Set when `RpcContext.server()` entered `syncServer`'s scope during the synchronous part… */
let syncEntered = false;
/** …and the store that was current before, put back when the synchronous part ends. */
let syncBefore: ServerContext | undefined;

/** A class, so that `signal` is a getter of the prototype: no closure, no read until asked. */
class ServerCall implements ServerContext {
  readonly attachments: Readonly<Record<string, unknown>>;
  readonly remoteAddress: string | undefined;
  readonly localAddress: string | undefined;
  readonly responseAttachments: Record<string, unknown> = {};

  constructor(readonly invocation: Invocation) {
    this.attachments = invocation.attachments;
    this.remoteAddress = invocation.remoteAddress;
    this.localAddress = invocation.localAddress;
  }

  get signal(): AbortSignal | undefined {
    return this.invocation.signal;
  }
}

function serverContextOf(invocation: Invocation): ServerContext {
  return new ServerCall(invocation);
}

/** True when `attachments` has a key other than the framework's (something to propagate). */
function hasOwnAttachments(attachments: Readonly<Record<string, unknown>>): boolean {
  // Object.keys beats for-in on the dictionary-mode (null-prototype) objects the decoder makes.
  const keys = Object.keys(attachments);
  for (let i = 0; i < keys.length; i++) if (!RESERVED_ATTACHMENTS.has(keys[i]!)) return true;
  return false;
}

/**
 * Runs `fn` as the handling of `invocation`, entering the AsyncLocalStorage scope only when
 * needed: on Node 20 the first scope turns on promise hooks for the whole process, which cost
 * about a tenth of a provider's CPU. The scope is entered at once when the call carries
 * attachments beyond the framework's (`RESERVED_ATTACHMENTS`), so that propagation reaches every
 * call it makes, after any await. Otherwise the context is held only while `fn` runs
 * synchronously, and `RpcContext.server()` read there enters the scope for the rest of the call
 * (its later awaits included). Used by the provider context filter.
 */
export function serveCall<T>(
  invocation: Invocation,
  fn: (context: ServerContext) => Promise<T>,
): Promise<T> {
  const context = serverContextOf(invocation);
  const scoped = hasOwnAttachments(invocation.attachments);
  const outer = syncServer;
  const outerEntered = syncEntered;
  const outerBefore = syncBefore;
  syncServer = scoped ? undefined : context;
  syncEntered = false;
  try {
    return scoped ? serverStorage.run(context, () => fn(context)) : fn(context);
  } finally {
    // Code after this synchronous part (the next request of the same chunk…) is not in the call.
    if (syncEntered) serverStorage.enterWith(syncBefore as ServerContext);
    syncServer = outer;
    syncEntered = outerEntered;
    syncBefore = outerBefore;
  }
}

/** The server context without entering any scope (for the consumer context filter). */
export function peekServerContext(): ServerContext | undefined {
  return syncServer ?? serverStorage.getStore();
}

/**
 * Java's `RpcContext`, built on AsyncLocalStorage so it follows `await` instead of a thread.
 *
 * - Consumer: `RpcContext.withAttachments({ traceId }, () => brandService.findAll())` sends
 *   `traceId` with every call made inside the callback, awaited or not; the scope's
 *   `responseAttachments` then holds what the provider returned. A `timeout` attachment sets the
 *   timeout of those calls (ms), as in Java.
 * - Provider: `RpcContext.server()` inside a service method gives the incoming attachments and the
 *   caller's address; put values in `responseAttachments` to send them back. Its `signal` aborts
 *   when the consumer cancels or its deadline passes, where the protocol tells (Triple; undefined
 *   over dubbo://): `RpcContext.server()?.signal?.addEventListener("abort", stop)`. Read the
 *   context before the method's first await (it then stays available for the whole call); after
 *   an await it is only there if it was read before, or if the call carries attachments of its
 *   own — the scope is entered only when needed, since on Node 20 it costs every promise of the
 *   process a hook.
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

  /**
   * The call being served, inside a service method (or a provider filter); else undefined.
   * Available in the synchronous part of the call (before the method's — or a filter's — first
   * await), and from then on for the rest of that call once read there; throughout the call when
   * it carries attachments of its own (see `serveCall`). Read it before the first await, as with
   * Java's thread-bound RpcContext, and keep the object to set `responseAttachments` later.
   * A streaming method written as `async function*` runs only when its first message is pulled,
   * after that synchronous part: read the context in a plain method that returns the iterable.
   */
  server(): ServerContext | undefined {
    if (syncServer) {
      if (!syncEntered) {
        syncEntered = true;
        syncBefore = serverStorage.getStore();
        serverStorage.enterWith(syncServer);
      }
      return syncServer;
    }
    return serverStorage.getStore();
  },

  /**
   * Runs `fn` as the handling of `invocation`, always inside the AsyncLocalStorage scope (the
   * provider context filter uses the cheaper `serveCall`).
   */
  runAsServer<T>(invocation: Invocation, fn: (context: ServerContext) => T): T {
    const context = serverContextOf(invocation);
    const outer = syncServer;
    syncServer = undefined;
    try {
      return serverStorage.run(context, () => fn(context));
    } finally {
      syncServer = outer;
    }
  },
};
