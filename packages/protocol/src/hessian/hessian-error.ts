/**
 * Why a hessian body could not be read or written: `truncated` (the body ends inside a value),
 * `malformed` (a byte that cannot start or continue a value), `limit` (a decode bound was hit:
 * depth, object count, collection length), `type` (a value does not fit its declared Java type).
 * The codecs turn it into status 40/50 for a peer or `Code.Serialization` for a caller. Messages
 * never contain decoded data (CVE-2021-43297): only offsets, codes, counts and type names.
 */
export class HessianError extends Error {
  override readonly name = "HessianError";
  readonly kind: "truncated" | "malformed" | "limit" | "type";

  constructor(kind: HessianError["kind"], message: string) {
    super(message);
    this.kind = kind;
  }

  static truncated(what: string, offset: number): HessianError {
    return new HessianError(
      "truncated",
      `hessian body truncated inside a ${what} at offset ${offset}`,
    );
  }

  static malformed(what: string, offset: number): HessianError {
    return new HessianError("malformed", `malformed hessian: ${what} at offset ${offset}`);
  }

  static limit(what: string): HessianError {
    return new HessianError("limit", `hessian decode limit exceeded: ${what}`);
  }

  static type(what: string): HessianError {
    return new HessianError("type", what);
  }
}
