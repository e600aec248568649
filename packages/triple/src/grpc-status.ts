import { Code, RpcError } from "@dubbo-ts/core/spi";

/** gRPC status codes (grpc/doc/statuscodes.md), as carried in the `grpc-status` trailer. */
export enum GrpcStatus {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
}

/**
 * What a call ended with, besides OK: the status, its message, `grpc-status-details-bin` (a
 * serialized `google.rpc.Status`) when the peer sent one, and the trailers. It is the `cause` of
 * the `RpcError` a failed call rejects with; `grpcStatusOf(error)` reads it back.
 */
export interface StatusInfo {
  readonly status: GrpcStatus;
  readonly message: string;
  readonly details?: Buffer | undefined;
  readonly trailers?: Readonly<Record<string, string | string[] | undefined>> | undefined;
}

/**
 * gRPC status → Dubbo code, as Java's `TriRpcStatus.triCodeToDubboCode` (dubbo-rpc-triple), plus
 * RESOURCE_EXHAUSTED → LimitExceeded and INTERNAL/DATA_LOSS → Serialization for what core's
 * clusters and logs need. UNAVAILABLE is `Network`, so failover retries it on another provider.
 */
export function toRpcCode(status: GrpcStatus): Code {
  switch (status) {
    case GrpcStatus.DEADLINE_EXCEEDED:
      return Code.Timeout;
    case GrpcStatus.PERMISSION_DENIED:
    case GrpcStatus.UNAUTHENTICATED:
      return Code.Forbidden;
    case GrpcStatus.UNAVAILABLE:
      return Code.Network;
    case GrpcStatus.UNIMPLEMENTED:
      return Code.MethodNotFound;
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return Code.LimitExceeded;
    case GrpcStatus.INTERNAL:
    case GrpcStatus.DATA_LOSS:
      return Code.Serialization;
    default:
      return Code.Unknown;
  }
}

/**
 * Dubbo code → gRPC status, as Java's `TriRpcStatus.dubboCodeToTriCode`: Timeout →
 * DEADLINE_EXCEEDED, Forbidden → PERMISSION_DENIED, Network/LimitExceeded → UNAVAILABLE/
 * RESOURCE_EXHAUSTED, MethodNotFound → UNIMPLEMENTED, Serialization → INTERNAL, the rest UNKNOWN.
 */
export function toGrpcStatus(code: Code): GrpcStatus {
  switch (code) {
    case Code.Timeout:
      return GrpcStatus.DEADLINE_EXCEEDED;
    case Code.Forbidden:
      return GrpcStatus.PERMISSION_DENIED;
    case Code.Network:
    case Code.NoInvoker:
      return GrpcStatus.UNAVAILABLE;
    case Code.LimitExceeded:
      return GrpcStatus.RESOURCE_EXHAUSTED;
    case Code.MethodNotFound:
      return GrpcStatus.UNIMPLEMENTED;
    case Code.Serialization:
      return GrpcStatus.INTERNAL;
    default:
      return GrpcStatus.UNKNOWN;
  }
}

/** An RpcError for a non-OK status; the StatusInfo is its cause. */
export function statusError(info: StatusInfo, code: Code = toRpcCode(info.status)): RpcError {
  const name = GrpcStatus[info.status] ?? String(info.status);
  return new RpcError(code, `${name}${info.message ? `: ${info.message}` : ""}`, { cause: info });
}

/** The StatusInfo of an error from a Triple call (its cause), or undefined. */
export function grpcStatusOf(error: unknown): StatusInfo | undefined {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause && typeof cause === "object" && typeof (cause as StatusInfo).status === "number") {
    return cause as StatusInfo;
  }
  return undefined;
}

/** The StatusInfo a handler's error travels as: its own if it has one, else from its RpcError code. */
export function toStatusInfo(error: unknown): StatusInfo {
  const own = grpcStatusOf(error);
  if (own) return own;
  const rpc = RpcError.from(error);
  return { status: toGrpcStatus(rpc.code), message: rpc.rawMessage };
}

/**
 * Percent-encodes `grpc-message` (PROTOCOL-HTTP2.md "Responses"): bytes outside printable ASCII
 * 0x20–0x7E, and `%`, become `%XX` of their UTF-8 bytes.
 */
export function encodeGrpcMessage(message: string): string {
  if (/^[\x20-\x24\x26-\x7e]*$/.test(message)) return message;
  let out = "";
  for (const byte of Buffer.from(message, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Reverses `encodeGrpcMessage`; a malformed `%` sequence is kept as it is (the spec says so). */
export function decodeGrpcMessage(text: string): string {
  if (!text.includes("%")) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
