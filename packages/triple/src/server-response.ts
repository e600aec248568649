import { constants, type ServerHttp2Stream } from "node:http2";
import { ACCEPT_ENCODING } from "./compression.js";
import { encodeGrpcMessage, GrpcStatus, type StatusInfo } from "./grpc-status.js";

/** `:status` 200 and the gRPC content type, shared by every plain response (node copies it). */
export const OK_HEADERS = {
  ":status": 200,
  "content-type": "application/grpc",
  "grpc-accept-encoding": ACCEPT_ENCODING,
};
export const OK_TRAILERS = { "grpc-status": "0" };
/** gRPC needs no `date` header; leaving it out saves its formatting and HPACK work per call. */
export const RESPOND_OPTIONS = { waitForTrailers: true, sendDate: false };

export const OK: StatusInfo = { status: GrpcStatus.OK, message: "" };

/** A trailers-only response (HEADERS with END_STREAM) with `info` as its status. */
export function trailersOnly(
  stream: ServerHttp2Stream,
  info: StatusInfo,
  extra: Record<string, string> = {},
) {
  if (stream.destroyed || stream.closed) return;
  if (stream.headersSent) {
    stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  stream.respond(
    {
      ":status": 200,
      "content-type": "application/grpc",
      ...extra,
      ...statusTrailers(info),
    },
    { endStream: true },
  );
}

/** `grpc-status`, `grpc-message` (percent-encoded) and `grpc-status-details-bin` (base64). */
export function statusTrailers(info: StatusInfo): Record<string, string> {
  const t: Record<string, string> = { "grpc-status": String(info.status) };
  if (info.message) t["grpc-message"] = encodeGrpcMessage(info.message);
  if (info.details)
    t["grpc-status-details-bin"] = info.details.toString("base64").replace(/=+$/, "");
  return t;
}

/** True when `record` has no own key. */
export function isEmpty(record: Record<string, string>): boolean {
  for (const _ in record) return false;
  return true;
}
