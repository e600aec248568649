import { Code, RpcError } from "@dubbo-ts/core";

/** The JSON body of every failed endpoint call: the classic `{ success: false, message }`. */
export interface FailureBody {
  success: false;
  message: string;
  /** The RpcError code name (`Biz`, `NoInvoker`, `Timeout`…) or `BadRequest` for bad parameters. */
  code: string;
}

/** A request the web app refuses before calling BrandService (a malformed parameter). */
export class BadRequestError extends Error {
  override readonly name = "BadRequestError";
}

/**
 * Maps a failure to an HTTP status and body: a business rule broken on the provider (`Code.Biz`)
 * or a malformed parameter is the client's fault (400); no provider is 503; a provider that did
 * not answer in time is 504; a provider that could not be reached is 502; the rest is 500.
 */
export function toHttpFailure(err: unknown): { status: number; body: FailureBody } {
  if (err instanceof BadRequestError) {
    return { status: 400, body: { success: false, message: err.message, code: "BadRequest" } };
  }
  const rpc = RpcError.from(err);
  const status = STATUS[rpc.code] ?? 500;
  const code = Code[rpc.code] ?? String(rpc.code);
  return { status, body: { success: false, message: rpc.rawMessage, code } };
}

const STATUS: Partial<Record<Code, number>> = {
  [Code.Biz]: 400,
  [Code.Forbidden]: 403,
  [Code.MethodNotFound]: 501,
  [Code.LimitExceeded]: 429,
  [Code.Network]: 502,
  [Code.NoInvoker]: 503,
  [Code.Registry]: 503,
  [Code.Timeout]: 504,
};
