import {
  Code,
  ECHO_METHOD,
  ECHO_PARAMETER_TYPES,
  GENERIC_PARAMETER_TYPES,
  type Invocation,
  isEchoCall,
  isGenericCall,
  isSupportedGenericMode,
  type Logger,
  type MethodDefinition,
  type Result,
  RpcError,
} from "@dubbo-ts/core/spi";
import type { ExportedServices, ExporterEntry } from "./exported-services.js";
import { type FrameHeader, Status } from "./header.js";
import type { DecodeOptions } from "./hessian/decode-options.js";
import { hessian2Serialization } from "./hessian/hessian2-serialization.js";
import { PayloadError } from "./payload.js";
import type { RejectionLog } from "./rejection-log.js";
import { decodeRequestHead, decodeRequestRest, type RequestHead } from "./request-codec.js";
import { encodeErrorResponse, encodeResponse } from "./response-codec.js";
import { toJavaThrowable } from "./throwable.js";

export interface RequestHandlerOptions {
  readonly services: ExportedServices;
  readonly maxPayload: number;
  readonly decode: DecodeOptions;
  readonly logger: Logger;
  /** Told of every request refused with status 40 (the server logs them, rate-limited). */
  readonly onRejected?: RejectionLog | undefined;
}

/** Where a request came from and arrived (`host:port`), for the Invocation and error messages. */
export interface Peer {
  readonly remoteAddress: string;
  readonly localAddress: string;
}

/** A request ready to invoke: the service, the invocation, and how to write its result. */
interface Call {
  readonly service: ExporterEntry;
  readonly invocation: Invocation;
  readonly returnType: string;
}

/**
 * The provider side of one request frame, without sockets (HeaderExchangeHandler.handleRequest +
 * DecodeableRpcInvocation + DubboProtocol.getInvoker): returns the response frame to write, or
 * null for one-way requests. It never throws:
 * - a serialization id other than hessian2 (2), or a body that does not decode → status 40;
 * - the service (path + version) is looked up, then the method (name + JVM descriptor) BEFORE any
 *   argument is decoded: unknown service → 70, unknown method → 40 (CVE-2020-1948);
 * - after the attachments, the exact `[group/]path[:version]` must be exported → else 70;
 * - `$echo` and `$invoke` are decoded by their fixed parameter types and passed to the service's
 *   invoker, whose filters answer them (core's EchoFilter and GenericFilter); a generic mode other
 *   than maps is refused here already (CVE-2021-30179), before the service sees the call;
 * - an RpcError other than Code.Biz from the invoker → 70; a business exception → flag 0/3;
 * - a response over the payload → 25, one that cannot be encoded → 50.
 */
export async function handleRequest(
  header: FrameHeader,
  body: Buffer,
  peer: Peer,
  options: RequestHandlerOptions,
): Promise<Buffer | null> {
  const fail = (status: Status, message: string) =>
    header.twoWay ? encodeErrorResponse(header.id, status, message, hessian2Serialization) : null;
  const refuse = (message: string, head?: RequestHead) => {
    options.onRejected?.({
      remoteAddress: peer.remoteAddress,
      reason: message,
      service: head?.path,
      version: head?.version,
      method: head?.methodName,
      descriptor: head?.descriptor,
    });
    return fail(Status.BadRequest, message);
  };
  if (header.serializationId !== hessian2Serialization.id) {
    // CVE-2021-25641: only hessian2 is accepted, whatever the peer claims.
    return refuse(
      `Fail to decode request due to: java.io.IOException: Unexpected serialization id:${header.serializationId} received from network, please check if the peer send the right id.`,
    );
  }
  let head: RequestHead | undefined;
  let call: Call;
  try {
    head = decodeRequestHead(body, hessian2Serialization, options.decode);
    const resolved = resolve(head, peer, options);
    if (typeof resolved === "string") return fail(Status.ServiceError, resolved);
    if ("unknownMethod" in resolved) {
      return refuse(
        `Fail to decode request due to: java.lang.IllegalArgumentException: Service not found:${head.path}, ${head.methodName}`,
        head,
      );
    }
    const decoded = prepare(head, resolved.method, resolved.candidates, peer, options);
    if (typeof decoded === "string") return fail(Status.ServiceError, decoded);
    call = decoded;
  } catch (e) {
    return refuse(`Fail to decode request due to: ${errorText(e)}`, head);
  }
  const result = await invoke(call, options);
  if (!header.twoWay) return null;
  if ("failure" in result) return fail(Status.ServiceError, result.failure);
  try {
    return encodeResponse(
      {
        value: result.value,
        exception: result.exception === undefined ? undefined : toJavaThrowable(result.exception),
        attachments: result.attachments,
        returnType: call.returnType,
      },
      {
        id: header.id,
        serialization: hessian2Serialization,
        dubboVersion: head.dubboVersion,
        maxPayload: options.maxPayload,
      },
    );
  } catch (e) {
    if (e instanceof PayloadError) return fail(Status.SerializationError, e.message);
    return fail(
      Status.BadResponse,
      `Failed to send response: ${head.path}.${head.methodName}, cause: ${errorText(e)}`,
    );
  }
}

/** The service candidates and the method for the head, before any argument is decoded. */
function resolve(
  head: RequestHead,
  peer: Peer,
  options: RequestHandlerOptions,
): string | { unknownMethod: true } | { candidates: readonly ExporterEntry[]; method: Resolved } {
  const candidates = options.services.candidates(head.path, head.version);
  if (candidates.length === 0) return notFound(head.path, head.version, undefined, peer, options);
  const method = findByDescriptor(candidates[0]!, head.methodName, head.descriptor);
  return method ? { candidates, method } : { unknownMethod: true };
}

/** A method of the contract, or the built-in `$echo` / `$invoke` every service answers. */
interface Resolved {
  readonly kind: "own" | "echo" | "generic";
  readonly method: MethodDefinition;
}

const ECHO: Resolved = {
  kind: "echo",
  method: {
    name: ECHO_METHOD,
    parameterTypes: ECHO_PARAMETER_TYPES,
    returnType: "java.lang.Object",
  },
};

/** One Resolved per generic method name (`$invoke`, `$invokeAsync`). */
const GENERIC = new Map<string, Resolved>();

function findByDescriptor(
  service: ExporterEntry,
  name: string,
  descriptor: string,
): Resolved | undefined {
  // Built-ins first, even when the definition lists them (core adds them for its filters), so the
  // generic-mode check always runs here (EchoFilter and GenericFilter come first in Java too).
  if (isEchoCall(name, descriptor)) return ECHO;
  if (isGenericCall(name, descriptor)) {
    let generic = GENERIC.get(name);
    if (!generic) {
      generic = {
        kind: "generic",
        method: { name, parameterTypes: GENERIC_PARAMETER_TYPES, returnType: "java.lang.Object" },
      };
      GENERIC.set(name, generic);
    }
    return generic;
  }
  const own = service.findMethod(name, descriptor);
  return own ? { kind: "own", method: own } : undefined;
}

/** Decodes arguments and attachments, finds the exact exporter, and builds the invocation. */
function prepare(
  head: RequestHead,
  resolved: Resolved,
  candidates: readonly ExporterEntry[],
  peer: Peer,
  options: RequestHandlerOptions,
): Call | string {
  const { method, kind } = resolved;
  const { args, attachments } = decodeRequestRest(head, method.parameterTypes);
  const group = typeof attachments.group === "string" ? attachments.group : "";
  const service = candidates.find((c) => c.group === group);
  // The group's export may have another contract than the one the method was found in.
  if (
    !service ||
    (service !== candidates[0] && !findByDescriptor(service, head.methodName, head.descriptor))
  ) {
    return notFound(head.path, head.version, group, peer, options);
  }
  if (kind === "generic" && !isSupportedGenericMode(attachments.generic)) {
    const mode = attachments.generic;
    return `org.apache.dubbo.rpc.RpcException: generic mode "${typeof mode === "string" ? mode : typeof mode}" is refused: only generic=true (maps with a "class" key) is served`;
  }
  const own = kind === "own";
  // One object literal with every field (a spread of a shared base was 10 % of the provider's
  // CPU in the benchmark profile).
  const invocation: Invocation = {
    serviceName: service.path,
    version: service.version || undefined,
    group: service.group || undefined,
    methodName: method.name,
    parameterTypes: method.parameterTypes,
    returnType: own ? method.returnType : undefined,
    args,
    attachments,
    remoteAddress: peer.remoteAddress,
    localAddress: peer.localAddress,
  };
  return { service, returnType: method.returnType, invocation };
}

/** A value, a business exception (an RpcError or whatever the method threw), or a 70 failure. */
type Outcome =
  | { value?: unknown; exception?: unknown; attachments: Result["attachments"] }
  | { failure: string };

async function invoke(call: Call, options: RequestHandlerOptions): Promise<Outcome> {
  try {
    const result = await call.service.invoker.invoke(call.invocation);
    return { value: result.value, exception: result.exception, attachments: result.attachments };
  } catch (e) {
    if (e instanceof RpcError && e.code !== Code.Biz) {
      options.logger.debug({ err: e.message }, "dubbo: invocation failed");
      // A message that already names its Java exception class goes as it is (Java sends
      // StringUtils.toString(throwable) as the error message).
      return { failure: JAVA_EXCEPTION_TEXT.test(e.rawMessage) ? e.rawMessage : e.message };
    }
    // Thrown by the service method itself: a business exception, sent as a result (flag 0/3).
    return { exception: e, attachments: {} };
  }
}

/** `org.apache.dubbo.rpc.RpcException: …`: text that starts with a Java exception class name. */
const JAVA_EXCEPTION_TEXT = /^[a-z][\w$]*(\.[a-z][\w$]*)*\.[A-Z][\w$]*(Exception|Error): /;

function notFound(
  path: string,
  version: string | null,
  group: string | undefined,
  peer: Peer,
  options: RequestHandlerOptions,
): string {
  const key = `${group ? `${group}/` : ""}${path}${version && version !== "0.0.0" ? `:${version}` : ""}`;
  return `org.apache.dubbo.remoting.RemotingException: Not found exported service: ${key} in [${options.services.keys().join(", ")}], may be version or group mismatch, channel: consumer: ${peer.remoteAddress} --> provider: ${peer.localAddress}`;
}

/** An error's class and message, never the decoded data that caused it (CVE-2021-43297). */
function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return "unknown error";
}
