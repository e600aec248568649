import { HEADER_LENGTH, Status, writeHeader } from "./header.js";
import type { Serialization } from "./serialization.js";

/**
 * Event frames (ExchangeCodec with FLAG_EVENT): heartbeats carry a serialized null
 * (`CommonConstants.HEARTBEAT_EVENT = null`, hessian2 `N`); the read-only event carries the string
 * `"R"` (`READONLY_EVENT`), the writeable event `"W"` (3.x `WRITEABLE_EVENT`).
 */
export type EventKind = "heartbeat" | "readonly" | "writeable" | "unknown";

/** ExchangeCodec.decodeEventData: event bodies over `deserialization.event.size` (15) are refused. */
export const MAX_EVENT_BODY = 15;

/** A heartbeat request: two-way event, body = null (`da bb e2 00 <id> 00 00 00 01 4e` for hessian2). */
export function encodeHeartbeatRequest(id: bigint, serialization: Serialization): Buffer {
  const out = serialization.createOutput(HEADER_LENGTH);
  out.writeObject(null, undefined, "heartbeat");
  const frame = out.toBuffer();
  writeHeader(
    frame,
    { request: true, twoWay: true, event: true, serializationId: serialization.id, status: 0, id },
    out.length,
  );
  return frame;
}

/**
 * The answer to a heartbeat: same id, same serialization id (HeartBeatResponse.setProto), status
 * 20, and the request's body echoed, which is the null of that serialization even for ids we do
 * not implement (fastjson2's null is not hessian's).
 */
export function encodeHeartbeatResponse(
  id: bigint,
  serializationId: number,
  requestBody: Buffer,
): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_LENGTH + requestBody.length);
  writeHeader(
    frame,
    { request: false, twoWay: false, event: true, serializationId, status: Status.OK, id },
    requestBody.length,
  );
  requestBody.copy(frame, HEADER_LENGTH);
  return frame;
}

/**
 * A one-way event carrying a string: `"R"` (read-only, sent on graceful shutdown:
 * `da bb a2 00 <id> 00 00 00 02 01 52`) or `"W"` (writeable again, 3.x).
 */
export function encodeStringEvent(
  id: bigint,
  data: "R" | "W",
  serialization: Serialization,
): Buffer {
  const out = serialization.createOutput(HEADER_LENGTH);
  out.writeUTF(data);
  const frame = out.toBuffer();
  writeHeader(
    frame,
    { request: true, twoWay: false, event: true, serializationId: serialization.id, status: 0, id },
    out.length,
  );
  return frame;
}

/** The read-only event `"R"` (HeaderExchangeServer.sendChannelReadOnlyEvent). */
export function encodeReadOnlyEvent(id: bigint, serialization: Serialization): Buffer {
  return encodeStringEvent(id, "R", serialization);
}

/** What an event body says, for hessian2 bodies; other serializations are `unknown`. */
export function eventKind(body: Buffer, serializationId: number): EventKind {
  if (serializationId !== 2 || body.length > MAX_EVENT_BODY) return "unknown";
  if (body.length === 1 && body[0] === 0x4e) return "heartbeat";
  if (body.length === 2 && body[0] === 0x01 && body[1] === 0x52) return "readonly";
  if (body.length === 2 && body[0] === 0x01 && body[1] === 0x57) return "writeable";
  return "unknown";
}
