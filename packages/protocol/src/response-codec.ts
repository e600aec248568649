import { Code, DUBBO_PROTOCOL_VERSION, GenericResult, type RpcError } from "@dubbo-ts/core/spi";
import { type FrameHeader, HEADER_LENGTH, Status, writeHeader } from "./header.js";
import type { DecodeOptions } from "./hessian/decode-options.js";
import { HessianError } from "./hessian/hessian-error.js";
import { PayloadError } from "./payload.js";
import type { Serialization } from "./serialization.js";
import { fromJavaThrowable, type JavaThrowable } from "./throwable.js";

/** The result flag written first in an OK response body (DubboCodec.RESPONSE_*). */
export enum ResultFlag {
  Exception = 0,
  Value = 1,
  NullValue = 2,
  ExceptionWithAttachments = 3,
  ValueWithAttachments = 4,
  NullValueWithAttachments = 5,
}

/** isSupportResponseAttachment by version string (Java caches Version.getIntVersion likewise). */
const SUPPORT_RESPONSE_ATTACHMENT = new Map<string, boolean>();

/**
 * Version.isSupportResponseAttachment: flags 3/4/5 are used iff the request's dubbo version parses
 * (Version.getIntVersion: two digits per dotted part, ×100 for three parts) into [2.0.2, 2.0.99].
 */
export function isSupportResponseAttachment(version: string | undefined): boolean {
  if (!version) return false;
  let known = SUPPORT_RESPONSE_ATTACHMENT.get(version);
  if (known === undefined) {
    known = parseSupportResponseAttachment(version);
    // Peers send a handful of versions; a peer sending random ones cannot grow the cache unbounded.
    if (SUPPORT_RESPONSE_ATTACHMENT.size >= 64) SUPPORT_RESPONSE_ATTACHMENT.clear();
    SUPPORT_RESPONSE_ATTACHMENT.set(version, known);
  }
  return known;
}

function parseSupportResponseAttachment(version: string): boolean {
  const parts = version.split(".");
  let v = 0;
  for (let i = 0; i < parts.length; i++) {
    const digits = /^(\d+)/.exec(parts[i]!)?.[1];
    if (digits) v += Number(digits) * 10 ** ((parts.length - i - 1) * 2);
  }
  if (parts.length === 3) v *= 100;
  return v >= 2000200 && v <= 2009900;
}

/** The response attachments Java adds to every 2.0.2-style reply (DubboCodec.encodeResponseData). */
const DUBBO_ONLY: Readonly<Record<string, string>> = Object.freeze({
  dubbo: DUBBO_PROTOCOL_VERSION,
});
const NO_ATTACHMENTS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function hasOwnKeys(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** What the provider answers for one call (Java's AppResponse). */
export interface ResponseResult {
  readonly value?: unknown;
  readonly exception?: JavaThrowable | undefined;
  readonly attachments?: Record<string, unknown> | undefined;
  /**
   * The method's Java return type, driving the value's encoding. A `GenericResult` value (a
   * generic call's, from core's GenericFilter) brings its own type and is written generalized.
   */
  readonly returnType?: string | undefined;
}

export interface EncodeResponseOptions {
  readonly id: bigint;
  /** The request's serialization: Java consumers check the reply uses it (DecodeableRpcResult). */
  readonly serialization: Serialization;
  /** The request's dubbo version, deciding flags 3/4/5. */
  readonly dubboVersion: string;
  readonly maxPayload: number;
}

/**
 * An OK (status 20) response (DubboCodec.encodeResponseData): the flag as a hessian int
 * (`0x90 + flag`), then the value or exception, then, for 2.0.2-style requests, the attachments
 * with `"dubbo": "2.0.2"` added. Throws `HessianError`/`PayloadError` (the server then sends 50/25).
 */
export function encodeResponse(result: ResponseResult, options: EncodeResponseOptions): Buffer {
  const attach = isSupportResponseAttachment(options.dubboVersion);
  const out = options.serialization.createOutput(HEADER_LENGTH);
  const generic = result.value instanceof GenericResult ? result.value : undefined;
  const value = generic ? generic.value : result.value;
  if (result.exception) {
    out.writeInt(attach ? ResultFlag.ExceptionWithAttachments : ResultFlag.Exception);
    out.writeThrowable(result.exception);
  } else if (value === null || value === undefined) {
    out.writeInt(attach ? ResultFlag.NullValueWithAttachments : ResultFlag.NullValue);
  } else {
    out.writeInt(attach ? ResultFlag.ValueWithAttachments : ResultFlag.Value);
    if (generic && !generic.raw) out.writeGeneralized(value, generic.returnType, "return value");
    else out.writeObject(value, generic ? generic.returnType : result.returnType, "return value");
  }
  if (attach) {
    const extra = result.attachments;
    // The usual case, no attachments of the result's own: the one-entry map's bytes are cached.
    if (extra === undefined || !hasOwnKeys(extra)) out.writeAttachments(NO_ATTACHMENTS, DUBBO_ONLY);
    else out.writeAttachments({ ...extra, dubbo: DUBBO_PROTOCOL_VERSION });
  }
  PayloadError.check(out.length, options.maxPayload);
  return finish(out.toBuffer(), options.id, options.serialization.id, Status.OK, out.length);
}

/**
 * A response with a non-OK status, whose body is one string (ExchangeCodec.encodeResponse:
 * `out.writeUTF(res.getErrorMessage())`), e.g. 40 "Fail to decode request due to: …".
 */
export function encodeErrorResponse(
  id: bigint,
  status: Status,
  message: string,
  serialization: Serialization,
): Buffer {
  const out = serialization.createOutput(HEADER_LENGTH);
  out.writeUTF(message);
  return finish(out.toBuffer(), id, serialization.id, status, out.length);
}

function finish(
  frame: Buffer,
  id: bigint,
  serializationId: number,
  status: number,
  length: number,
): Buffer {
  writeHeader(
    frame,
    { request: false, twoWay: false, event: false, serializationId, status, id },
    length,
  );
  return frame;
}

/** A decoded response: the Result of the call, or the failure status with its message. */
export type DecodedResponse =
  | {
      readonly ok: true;
      readonly flag: ResultFlag;
      readonly value: unknown;
      /** Business exception (flag 0/3) as `RpcError(Code.Biz)`. */
      readonly exception: RpcError | undefined;
      readonly attachments: Record<string, unknown>;
    }
  | { readonly ok: false; readonly status: number; readonly code: Code; readonly message: string };

/**
 * Decodes a response body (DecodeableRpcResult.decode). Non-OK statuses carry a string; the code
 * follows DefaultFuture.doReceived: 30/31 → Timeout, 25 → Serialization, any other → Network.
 * A body that does not decode throws `HessianError` (the caller fails the call with Serialization).
 */
export function decodeResponse(
  header: FrameHeader,
  body: Buffer,
  serialization: Serialization,
  options: DecodeOptions & { returnType?: string | undefined } = {},
): DecodedResponse {
  const input = serialization.createInput(body, 0, body.length, options);
  const foreign = header.serializationId !== serialization.id;
  if (header.status !== Status.OK) {
    // 3.2.x providers may write error strings with the channel's serialization (fastjson2, id
    // 23, docs/wire-format.md): keep the status and say what could not be read; do not fail.
    let message = `undecodable error message (serialization id ${header.serializationId}, ${body.length} bytes)`;
    if (!foreign) {
      try {
        message = input.readUTF() ?? "";
      } catch {
        // keep the placeholder
      }
    }
    return {
      ok: false,
      status: header.status,
      code: statusCode(header.status, message),
      message,
    };
  }
  if (foreign) {
    // DecodeableRpcResult (3.x): a result must use the request's serialization id.
    throw HessianError.malformed(
      `Unexpected serialization id:${header.serializationId} in a response`,
      0,
    );
  }
  const flag = input.readInt();
  let value: unknown = null;
  let exception: RpcError | undefined;
  switch (flag) {
    case ResultFlag.Value:
    case ResultFlag.ValueWithAttachments:
      value = input.readObject(options.returnType);
      break;
    case ResultFlag.Exception:
    case ResultFlag.ExceptionWithAttachments:
      exception = fromJavaThrowable(input.readObject());
      break;
    case ResultFlag.NullValue:
    case ResultFlag.NullValueWithAttachments:
      break;
    default:
      throw HessianError.malformed(
        `Unknown result flag, expect '0' '1' '2' '3' '4' '5', but received: ${flag}`,
        0,
      );
  }
  const attachments = flag >= 3 ? input.readAttachments() : Object.create(null);
  return { ok: true, flag, value, exception, attachments };
}

/**
 * DefaultFuture.doReceived / AbstractInvoker: which RpcError code a non-OK status becomes. One
 * refinement over Java (which makes it a network error, retried on every provider): a 40 saying
 * "Service not found:<interface>, <method>" — what Java's DecodeableRpcInvocation and our
 * request handler answer when no method has that name and parameter types — is
 * `MethodNotFound`, which no cluster retries.
 */
export function statusCode(status: number, message?: string): Code {
  if (status === Status.ClientTimeout || status === Status.ServerTimeout) return Code.Timeout;
  if (status === Status.SerializationError) return Code.Serialization;
  if (status === Status.BadRequest && message?.includes("Service not found:")) {
    return Code.MethodNotFound;
  }
  return Code.Network;
}
