/**
 * A message over the `payload` limit (Java's ExceedPayloadLimitException, remoting-api
 * AbstractCodec.checkPayload: `payload > 0 && size > payload`). The message is Java's.
 */
export class PayloadError extends Error {
  override readonly name = "PayloadError";

  constructor(
    readonly size: number,
    readonly maxPayload: number,
  ) {
    super(`Data length too large: ${size}, max payload: ${maxPayload}`);
  }

  /** Throws when `size` is over a positive `maxPayload`. */
  static check(size: number, maxPayload: number): void {
    if (maxPayload > 0 && size > maxPayload) throw new PayloadError(size, maxPayload);
  }
}
