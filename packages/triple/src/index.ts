/**
 * @dubbo-ts/triple: Triple, Dubbo 3's gRPC-compatible protocol on HTTP/2 (`tri://`), for `.proto`
 * services (protobufjs) and for the Java-interface contracts that also go over `dubbo://`.
 */

export type { ServerCallContext } from "./call-context.js";
export type { CallRequest, ClientCall } from "./client-call.js";
export { startCall } from "./client-call.js";
export {
  decodeGrpcMessage,
  encodeGrpcMessage,
  GrpcStatus,
  grpcStatusOf,
  type StatusInfo,
  statusError,
  toGrpcStatus,
  toRpcCode,
} from "./grpc-status.js";
export { formatGrpcTimeout, parseGrpcTimeout } from "./grpc-timeout.js";
export {
  DEFAULT_OBJECT_OPTIONS,
  describeService,
  type IdlMethod,
  type IdlService,
  loadProto,
  type MethodKind,
} from "./idl.js";
export {
  createIdlClient,
  type IdlCallOptions,
  type IdlClient,
  type IdlClientInit,
} from "./idl-client.js";
export { idlContract } from "./idl-contract.js";
export type { IdlImplementation } from "./idl-handler.js";
export { createIdlInvoker, type IdlInvokerOptions } from "./idl-invoker.js";
export {
  DEFAULT_MAX_MESSAGE_SIZE,
  encodeMessage,
  type GrpcMessage,
  MessageDecoder,
} from "./message-codec.js";
export { DEFAULT_LIMITS, type TlsOptions, type TripleLimits } from "./options.js";
export { createTripleInvoker, type TripleInvokerOptions } from "./triple-invoker.js";
export {
  createTripleProtocol,
  TRIPLE_DEFAULT_PORT,
  type TripleProtocolOptions,
} from "./triple-protocol.js";
export { createIdlServer, type IdlServer, type TripleServerInit } from "./triple-server.js";
export {
  decodeRequestWrapper,
  decodeResponseWrapper,
  encodeRequestWrapper,
  encodeResponseWrapper,
  HESSIAN4,
  type RequestWrapper,
  type ResponseWrapper,
} from "./wrapper.js";
