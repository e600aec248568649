/**
 * The 16-byte Dubbo frame header (remoting-api/.../exchange/codec/ExchangeCodec.java, identical in
 * 2.7 and 3.x), big-endian:
 *
 *   0-1 magic 0xdabb | 2 flags + serialization id | 3 status | 4-11 request id (int64) | 12-15 body length (int32)
 */
export const HEADER_LENGTH = 16;
/** ExchangeCodec.MAGIC = (short) 0xdabb. */
export const MAGIC_HIGH = 0xda;
export const MAGIC_LOW = 0xbb;
/** ExchangeCodec.FLAG_REQUEST: set on requests, clear on responses. */
export const FLAG_REQUEST = 0x80;
/** ExchangeCodec.FLAG_TWOWAY: the request expects a response. */
export const FLAG_TWOWAY = 0x40;
/** ExchangeCodec.FLAG_EVENT: heartbeat / read-only / writeable event. */
export const FLAG_EVENT = 0x20;
/** ExchangeCodec.SERIALIZATION_MASK: the low 5 bits are the serialization content-type id. */
export const SERIALIZATION_MASK = 0x1f;

/** Response status byte (remoting-api/.../exchange/Response.java). */
export enum Status {
  OK = 20,
  /** 3.2.3+: response over the payload limit, or local request encode failure. */
  SerializationError = 25,
  ClientTimeout = 30,
  ServerTimeout = 31,
  ChannelInactive = 35,
  BadRequest = 40,
  BadResponse = 50,
  /** Defined but never sent by Java ("not found exported service" travels as 70). */
  ServiceNotFound = 60,
  ServiceError = 70,
  ServerError = 80,
  ClientError = 90,
  ServerThreadpoolExhausted = 100,
}

export interface FrameHeader {
  readonly request: boolean;
  readonly twoWay: boolean;
  readonly event: boolean;
  readonly serializationId: number;
  /** Meaningful in responses only; Java writes 0 in requests. */
  readonly status: number;
  /** Opaque signed int64, echoed by the response (may be negative: 3.x starts at a random long). */
  readonly id: bigint;
  readonly bodyLength: number;
}

/** Reads a header at `offset`; the caller has checked the magic and that 16 bytes are there. */
export function readHeader(buf: Buffer, offset = 0): FrameHeader {
  const flags = buf[offset + 2]!;
  return {
    request: (flags & FLAG_REQUEST) !== 0,
    twoWay: (flags & FLAG_TWOWAY) !== 0,
    event: (flags & FLAG_EVENT) !== 0,
    serializationId: flags & SERIALIZATION_MASK,
    status: buf[offset + 3]!,
    id: buf.readBigInt64BE(offset + 4),
    bodyLength: buf.readInt32BE(offset + 12),
  };
}

/** Writes a header into the first 16 bytes of `buf` (the frame's reserved prefix). */
export function writeHeader(
  buf: Buffer,
  header: Omit<FrameHeader, "bodyLength">,
  bodyLength: number,
): void {
  buf[0] = MAGIC_HIGH;
  buf[1] = MAGIC_LOW;
  let flags = header.serializationId & SERIALIZATION_MASK;
  if (header.request) {
    flags |= FLAG_REQUEST;
    if (header.twoWay) flags |= FLAG_TWOWAY;
  }
  if (header.event) flags |= FLAG_EVENT;
  buf[2] = flags;
  buf[3] = header.request ? 0 : header.status;
  buf.writeBigInt64BE(BigInt.asIntN(64, header.id), 4);
  buf.writeInt32BE(bodyLength, 12);
}
