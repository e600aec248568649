import { Code, RpcError } from "@dubbo-ts/core/spi";

/**
 * The one place where socket failures (`ECONNREFUSED`, `ECONNRESET`, `EPIPE`, a closed
 * connection…) become `RpcError(Code.Network)`, Java's `RpcException.NETWORK_EXCEPTION`.
 * `address` is `host:port`.
 */
export function networkError(
  address: string,
  reason: unknown,
  what = "connection failed",
): RpcError {
  const code = (reason as { code?: unknown } | undefined)?.code;
  const detail =
    reason instanceof Error
      ? `${typeof code === "string" ? `${code}: ` : ""}${reason.message}`
      : String(reason ?? "");
  return new RpcError(Code.Network, `${what} (${address})${detail ? `: ${detail}` : ""}`, {
    cause: reason,
  });
}
