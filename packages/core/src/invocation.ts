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
}

/** Builds an invocation with empty attachments by default. */
export function createInvocation(
  init: Omit<Invocation, "attachments"> & { attachments?: Record<string, unknown> },
): Invocation {
  return { ...init, attachments: { ...(init.attachments ?? {}) } };
}
