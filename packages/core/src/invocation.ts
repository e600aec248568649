/**
 * One call: which service and method, with which Java-typed arguments and attachments
 * (Java's `RpcInvocation`). `parameterTypes` are Java type names as declared on the contract
 * (`int`, `java.lang.Long`, `java.util.List<com.jd.pojo.TbBrand>`, `int[]`), from which the
 * protocol derives the JVM descriptor and the hessian encoding of each argument.
 */
export interface Invocation {
  /** Interface name (the `path`), e.g. `com.jd.sellergoods.service.BrandService`. */
  readonly serviceName: string;
  readonly version?: string | undefined;
  readonly group?: string | undefined;
  readonly methodName: string;
  readonly parameterTypes: readonly string[];
  /** Java return type name, when the contract declares it (used to shape decoded values). */
  readonly returnType?: string | undefined;
  readonly args: readonly unknown[];
  /** Attachments sent with the call; values are usually strings, Java 2.7.5+ accepts any value. */
  readonly attachments: Record<string, unknown>;
  /**
   * Provider side: the caller's `host:port`, set by the protocol when it decodes a request (used
   * by the access log, token errors and `RpcContext.server()`). Absent on the consumer side.
   */
  readonly remoteAddress?: string | undefined;
  /** Provider side: the `host:port` the request arrived on, set by the protocol. */
  readonly localAddress?: string | undefined;
  /**
   * Provider side: aborted when the consumer gives up on the call (it cancels, its deadline
   * passes) or the server stops, with the reason (an `RpcError`: `Code.Timeout` for the deadline).
   * Set by protocols whose wire says so (Triple: RST_STREAM and `grpc-timeout`); absent when it
   * cannot (dubbo://, whose requests have no cancel). A protocol may make the AbortController
   * only when this is first read (a getter: it is the costliest object of a call), so read it only
   * when you use it. Service methods reach it as `RpcContext.server()?.signal`, which reads the
   * protocol's own invocation; a filter passing on a copy (`{ ...invocation }`) that wants later
   * filters to see it keeps it lazy with `get signal() { return invocation.signal; }`.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Consumer side: timeout, one-way, token and descriptor of this call to one provider, set by
   * the referred invoker (`createCallPlanner`) before the protocol's invoker sees the call.
   */
  readonly call?: CallPlan | undefined;
}

/** Builds an invocation with empty attachments by default. */
export function createInvocation(
  init: Omit<Invocation, "attachments"> & { attachments?: Record<string, unknown> },
): Invocation {
  return { ...init, attachments: { ...(init.attachments ?? {}) } };
}

/**
 * How one call to one provider goes out, resolved once on the consumer (core) and handed to the
 * protocol's invoker on `Invocation.call` (`createCallPlanner`): protocols read these typed fields instead of
 * re-deriving them from the URL and the attachments.
 */
export interface CallPlan {
  /** ms: the `timeout` attachment (RpcContext), else `<method>.timeout`, else `timeout`, else 1000. */
  readonly timeout: number;
  /** `return=false` (attachment, else `<method>.return` on the URL): no response expected. */
  readonly oneWay: boolean;
  /** The provider's `token` (URL), else one the caller attached. */
  readonly token: string | undefined;
  /** The JVM descriptor of the parameter types (`Ljava/lang/Long;I`). */
  readonly descriptor: string;
}
