import { toParameterDescriptor } from "@dubbo-ts/core/spi";
import { HEADER_LENGTH, writeHeader } from "./header.js";
import type { DecodeOptions } from "./hessian/decode-options.js";
import { HessianError } from "./hessian/hessian-error.js";
import { PayloadError } from "./payload.js";
import type { ObjectInput, Serialization } from "./serialization.js";

/** AbstractInvoker: `url.getVersion("0.0.0")`, sent when a service has no version. */
export const DEFAULT_SERVICE_VERSION = "0.0.0";

/** The RPC part of a request (Java's RpcInvocation as DubboCodec.encodeRequestData writes it). */
export interface RequestData {
  /** Dubbo protocol version, `"2.0.2"`. */
  readonly dubboVersion: string;
  /** The `interface` attachment if present, else the path (DubboCodec, apache/dubbo#6138). */
  readonly serviceName: string;
  /** `"0.0.0"` when the service has none. */
  readonly version: string;
  readonly methodName: string;
  /** Java type names as declared (`java.lang.String`, `int`, `java.util.List<com.x.Foo>`). */
  readonly parameterTypes: readonly string[];
  readonly args: readonly unknown[];
  readonly attachments: Record<string, unknown>;
  /**
   * Attachments the invoker sets on every call (path, interface, version, timeout…), written in
   * the same map before `attachments` (whose entries with the same key are then left out). The
   * same object on many calls lets hessian2 reuse their bytes; never mutate it (ObjectOutput).
   */
  readonly fixedAttachments?: Readonly<Record<string, string>> | undefined;
  /** `toParameterDescriptor(parameterTypes)`, when the caller has it already. */
  readonly descriptor?: string | undefined;
}

export interface EncodeRequestOptions {
  readonly id: bigint;
  readonly twoWay: boolean;
  readonly serialization: Serialization;
  /** Body limit; larger requests fail locally (ExchangeCodec.checkPayload). 0 = unlimited. */
  readonly maxPayload: number;
}

/**
 * One buffer holding header and body of a request (DubboCodec.encodeRequestData): dubbo version,
 * service name, version, method, JVM descriptor (`Ljava/lang/String;I`), each argument as its
 * declared Java type, then the attachments as a HashMap (see `RequestData.fixedAttachments` for
 * their order). Throws `HessianError` for a value that
 * does not fit its type and `PayloadError` over the limit.
 */
export function encodeRequest(data: RequestData, options: EncodeRequestOptions): Buffer {
  if (data.args.length !== data.parameterTypes.length) {
    throw new TypeError(
      `${data.methodName}: ${data.args.length} arguments for ${data.parameterTypes.length} parameter types`,
    );
  }
  const out = options.serialization.createOutput(HEADER_LENGTH);
  out.writeUTF(data.dubboVersion);
  out.writeUTF(data.serviceName);
  out.writeUTF(data.version);
  out.writeUTF(data.methodName);
  out.writeUTF(data.descriptor ?? toParameterDescriptor(data.parameterTypes));
  for (let i = 0; i < data.args.length; i++) {
    out.writeObject(data.args[i], data.parameterTypes[i], `argument ${i} of ${data.methodName}`);
  }
  out.writeAttachments(data.attachments, data.fixedAttachments);
  PayloadError.check(out.length, options.maxPayload);
  const frame = out.toBuffer();
  writeHeader(
    frame,
    {
      request: true,
      twoWay: options.twoWay,
      event: false,
      serializationId: options.serialization.id,
      status: 0,
      id: options.id,
    },
    out.length,
  );
  return frame;
}

/** The part of a request read before the provider picks the method (DecodeableRpcInvocation.decode). */
export interface RequestHead {
  readonly dubboVersion: string;
  readonly path: string;
  readonly version: string;
  readonly methodName: string;
  /** The JVM parameter descriptor, `""` for none. */
  readonly descriptor: string;
  /** Positioned at the first argument. */
  readonly input: ObjectInput;
}

/**
 * Reads the five leading strings; the arguments stay undecoded until the method is known.
 *
 * Dubbox 2.8.x (dangdang's fork) writes an int between the method name and the descriptor
 * (its DubboCodec.encodeRequestData: `-1` then the descriptor for hessian2; the argument count and
 * no descriptor for its "optimized" kryo/fst serializations). An int there is read and skipped
 * when it is -1, so a Dubbox request decodes to the same head as an Apache one; any other count
 * is refused (no descriptor to look the method up with).
 */
export function decodeRequestHead(
  body: Buffer,
  serialization: Serialization,
  options?: DecodeOptions,
): RequestHead {
  const input = serialization.createInput(body, 0, body.length, options);
  const dubboVersion = input.readUTF() ?? "";
  const path = input.readUTF();
  const version = input.readUTF() ?? "";
  const methodName = input.readUTF();
  let next = input.readObject();
  if (typeof next === "number") {
    if (next !== -1) {
      throw HessianError.malformed(
        `Dubbox request with ${next} arguments and no parameter descriptor (optimized serialization) is not supported`,
        0,
      );
    }
    next = input.readUTF();
  }
  if (next !== null && typeof next !== "string")
    throw HessianError.malformed("request parameter descriptor is not a string", 0);
  const descriptor = next ?? "";
  if (!path || !methodName)
    throw HessianError.malformed("request without a service path or method name", 0);
  return { dubboVersion, path, version, methodName, descriptor, input };
}

/** Reads the arguments as the method's declared Java types, then the attachments. */
export function decodeRequestRest(
  head: RequestHead,
  parameterTypes: readonly string[],
): { args: unknown[]; attachments: Record<string, unknown> } {
  const args: unknown[] = [];
  for (const type of parameterTypes) args.push(head.input.readObject(type));
  const attachments = head.input.atEnd ? Object.create(null) : head.input.readAttachments();
  return { args, attachments };
}
