import type { RpcError } from "./rpc-error.js";

/**
 * The outcome of a call that reached the provider (Java's `AppResponse`): a value, or a business
 * exception (`Code.Biz`), plus attachments. Framework failures (network, timeout, no provider…)
 * are not results: the invoker rejects with an `RpcError` instead.
 */
export interface Result {
  readonly value?: unknown;
  readonly exception?: RpcError | undefined;
  readonly attachments: Record<string, unknown>;
}

/** The value of a result, or its business exception thrown. */
export function recreate(result: Result): unknown {
  if (result.exception) throw result.exception;
  return result.value;
}
