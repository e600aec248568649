/**
 * `@dubbo-ts/protocol/codec`: the pieces of the dubbo protocol for tools, tests, benchmarks and
 * other protocols that carry hessian2 (frames, events, request/response bodies, the hessian2
 * reader and writers, Java class tags). Applications use `createDubboProtocol` from the package root.
 */
export { Connection, type ConnectionOptions } from "./connection.js";
export { createDubboInvoker, type DubboInvokerOptions } from "./dubbo-invoker.js";
export {
  type EventKind,
  encodeHeartbeatRequest,
  encodeHeartbeatResponse,
  encodeReadOnlyEvent,
  encodeStringEvent,
  eventKind,
} from "./event.js";
export { DEFAULT_PAYLOAD, type Frame, FrameDecoder, FrameError } from "./frame-decoder.js";
export {
  FLAG_EVENT,
  FLAG_REQUEST,
  FLAG_TWOWAY,
  type FrameHeader,
  HEADER_LENGTH,
  readHeader,
  Status,
  writeHeader,
} from "./header.js";
export {
  DEFAULT_DECODE_LIMITS,
  type DecodeLimits,
  type DecodeOptions,
  type LongPolicy,
} from "./hessian/decode-options.js";
export { HessianError } from "./hessian/hessian-error.js";
export { hessian2Serialization } from "./hessian/hessian2-serialization.js";
export {
  JAVA_CLASS,
  JAVA_CONTAINER,
  javaClassOf,
  javaContainerOf,
} from "./hessian/java-class-tag.js";
export { HessianReader } from "./hessian/reader.js";
export { TypedWriter } from "./hessian/typed-writer.js";
export { HessianWriter } from "./hessian/writer.js";
export { PayloadError } from "./payload.js";
export {
  DEFAULT_SERVICE_VERSION,
  decodeRequestHead,
  decodeRequestRest,
  encodeRequest,
  type RequestData,
  type RequestHead,
} from "./request-codec.js";
export {
  type DecodedResponse,
  decodeResponse,
  encodeErrorResponse,
  encodeResponse,
  isSupportResponseAttachment,
  type ResponseResult,
  ResultFlag,
  statusCode,
} from "./response-codec.js";
export type { ObjectInput, ObjectOutput, Serialization } from "./serialization.js";
export { fromJavaThrowable, type JavaThrowable, toJavaThrowable } from "./throwable.js";
