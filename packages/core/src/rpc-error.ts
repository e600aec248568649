/**
 * Error codes of the RPC path. The numbers are Java Dubbo's `RpcException` codes
 * (rpc-api/RpcException.java), so logs and metrics read the same on both sides.
 */
export enum Code {
  Unknown = 0,
  Network = 1,
  Timeout = 2,
  Biz = 3,
  Forbidden = 4,
  Serialization = 5,
  NoInvoker = 6,
  LimitExceeded = 7,
  Registry = 9,
  MethodNotFound = 11,
}

/**
 * The one error class of the RPC path. Business exceptions thrown by a provider's method arrive as
 * `Code.Biz` (with the Java class name in `javaClass` when the provider is Java); failover never
 * retries those. The message starts with the code name so that logs show it.
 */
export class RpcError extends Error {
  override readonly name = "RpcError";
  readonly code: Code;
  /** Java class of a business exception (`com.jd.BrandNotFoundException`), when known. */
  readonly javaClass: string | undefined;
  /** The message without the code prefix. */
  readonly rawMessage: string;

  constructor(
    code: Code,
    message: string,
    options?: { cause?: unknown; javaClass?: string | undefined },
  ) {
    super(
      `[${Code[code] ?? code}] ${message}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.rawMessage = message;
    this.javaClass = options?.javaClass;
  }

  /** Wraps anything thrown into an RpcError; an RpcError is returned as is. */
  static from(reason: unknown, code: Code = Code.Unknown): RpcError {
    if (reason instanceof RpcError) return reason;
    if (reason instanceof Error) return new RpcError(code, reason.message, { cause: reason });
    return new RpcError(code, String(reason), { cause: reason });
  }
}
