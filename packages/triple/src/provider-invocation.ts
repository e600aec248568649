import type { Invocation } from "@dubbo-ts/core/spi";
import { headersToAttachments } from "./attachment-headers.js";
import type { ServerCallContext } from "./call-context.js";

/** Which method of which exported service a call reaches: fixed per method, made once. */
export type InvocationTarget = Pick<
  Invocation,
  "serviceName" | "version" | "group" | "methodName" | "parameterTypes" | "returnType"
>;

/**
 * The core Invocation of one Triple call served through an application's provider filters
 * (`.proto` and Java-interface services alike): the request headers as attachments, `timeout`
 * the time left before the `grpc-timeout` deadline, the caller's addresses, and `signal`, the call's AbortSignal (the client's RST_STREAM, the deadline,
 * the server stopping). `signal` is a getter of this class's prototype reading the call context,
 * whose AbortController is made only when first read (`CallAbort`): a call that never asks costs
 * neither the controller nor a closure. `RpcContext.server()` reads it from this object.
 */
export class ProviderInvocation implements Invocation {
  readonly serviceName: string;
  readonly version: string | undefined;
  readonly group: string | undefined;
  readonly methodName: string;
  readonly parameterTypes: readonly string[];
  readonly returnType: string | undefined;
  readonly attachments: Record<string, unknown>;
  readonly remoteAddress: string;
  readonly localAddress: string;
  readonly #ctx: ServerCallContext;

  constructor(
    target: InvocationTarget,
    readonly args: readonly unknown[],
    ctx: ServerCallContext,
  ) {
    this.serviceName = target.serviceName;
    this.version = target.version;
    this.group = target.group;
    this.methodName = target.methodName;
    this.parameterTypes = target.parameterTypes;
    this.returnType = target.returnType;
    const attachments = headersToAttachments(ctx.headers);
    if (ctx.deadline !== undefined) {
      attachments.timeout = String(Math.max(1, ctx.deadline - Date.now()));
    }
    this.attachments = attachments;
    this.remoteAddress = ctx.remoteAddress;
    this.localAddress = ctx.localAddress;
    this.#ctx = ctx;
  }

  get signal(): AbortSignal {
    return this.#ctx.signal;
  }
}
