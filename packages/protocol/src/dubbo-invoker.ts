import {
  Code,
  type Invocation,
  type Invoker,
  type Result,
  RpcError,
  type ServiceUrl,
} from "@dubbo-ts/core";
import type { Connection } from "./connection.js";
import type { DecodeOptions } from "./hessian/decode-options.js";
import { HessianError } from "./hessian/hessian-error.js";
import { hessian2Serialization } from "./hessian/hessian2-serialization.js";
import { PayloadError } from "./payload.js";
import { DEFAULT_SERVICE_VERSION, DUBBO_PROTOCOL_VERSION, encodeRequest } from "./request-codec.js";
import { decodeResponse } from "./response-codec.js";

/** Java's default call timeout (`timeout`, 1000 ms). */
export const DEFAULT_TIMEOUT = 1000;

export interface DubboInvokerOptions {
  readonly url: ServiceUrl;
  /** The connections to the provider's address (shared with other invokers); one is picked per call. */
  readonly connections: readonly Connection[];
  readonly maxPayload: number;
  readonly decode: DecodeOptions;
  /** Called once by `destroy()` to release the connections. */
  readonly release: () => void;
}

/**
 * An Invoker for one remote provider over the Dubbo protocol (Java's DubboInvoker): builds the
 * request (dubbo version "2.0.2", path, version "0.0.0" when none, JVM descriptor, arguments as
 * their declared Java types, attachments path/interface/version/group/timeout/token), sends it
 * on one of the address's multiplexed connections and decodes the response with the declared
 * return type. Resolves with a Result (value or business exception `Code.Biz`); rejects with
 * `Code.Timeout` (no response in `timeout` ms), `Code.Network` (connection or non-OK status,
 * as DefaultFuture maps them), `Code.Serialization` (a value that does not fit its Java type,
 * over the payload, or a response that does not decode).
 */
export function createDubboInvoker(options: DubboInvokerOptions): Invoker {
  const { url, connections } = options;
  let destroyed = false;
  let next = 0;
  const pick = (): Connection => {
    for (let i = 0; i < connections.length; i++) {
      const c = connections[(next + i) % connections.length]!;
      if (c.isAvailable()) {
        next = (next + i + 1) % connections.length;
        return c;
      }
    }
    return connections[next++ % connections.length]!;
  };

  return {
    url,
    isAvailable: () => !destroyed && connections.some((c) => c.isAvailable()),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      options.release();
    },
    async invoke(invocation: Invocation): Promise<Result> {
      if (destroyed) {
        throw new RpcError(Code.Network, `invoker for ${url.address}/${url.path} is destroyed`);
      }
      const method = invocation.methodName;
      const timeout = timeoutOf(url, invocation);
      const oneWay =
        String(invocation.attachments.return ?? url.getMethodParameter(method, "return")) ===
        "false";
      const version = invocation.version ?? url.getParameter("version") ?? DEFAULT_SERVICE_VERSION;
      const group = invocation.group ?? url.getParameter("group");
      const token = url.getParameter("token");
      const iface = url.getParameter("interface") ?? invocation.serviceName;
      // DubboInvoker/AbstractInvoker set these over anything the caller attached.
      const attachments: Record<string, unknown> = {
        ...invocation.attachments,
        path: url.path || invocation.serviceName,
        interface: iface,
        version,
        timeout: String(timeout),
        ...(group ? { group } : {}),
        ...(token ? { token } : {}),
      };
      delete attachments.return;
      const build = (id: bigint) => {
        try {
          return encodeRequest(
            {
              dubboVersion: DUBBO_PROTOCOL_VERSION,
              serviceName: iface,
              version,
              methodName: method,
              parameterTypes: invocation.parameterTypes,
              args: invocation.args,
              attachments,
            },
            {
              id,
              twoWay: !oneWay,
              serialization: hessian2Serialization,
              maxPayload: options.maxPayload,
            },
          );
        } catch (e) {
          if (e instanceof HessianError || e instanceof PayloadError || e instanceof TypeError) {
            throw new RpcError(Code.Serialization, `cannot send ${iface}.${method}: ${e.message}`, {
              cause: e,
            });
          }
          throw e;
        }
      };
      const frame = await pick().request(build, oneWay ? 0 : timeout);
      if (frame === null) return { value: undefined, attachments: {} };
      if (frame.body === null) {
        // ExchangeCodec.finishRespWhenOverPayload: a synthetic CLIENT_ERROR (90) → Network.
        throw new RpcError(
          Code.Network,
          `Data length too large: ${frame.header.bodyLength}, max payload: ${options.maxPayload}`,
        );
      }
      let decoded: ReturnType<typeof decodeResponse>;
      try {
        decoded = decodeResponse(frame.header, frame.body, hessian2Serialization, {
          ...options.decode,
          returnType: invocation.returnType,
        });
      } catch (e) {
        throw new RpcError(
          Code.Serialization,
          `cannot decode the response of ${iface}.${method} from ${url.address}: ${(e as Error).message}`,
          { cause: e },
        );
      }
      if (!decoded.ok) {
        throw new RpcError(
          decoded.code,
          `status ${decoded.status} from ${url.address}: ${decoded.message}`,
        );
      }
      return decoded.exception
        ? { exception: decoded.exception, attachments: { ...decoded.attachments } }
        : { value: decoded.value, attachments: { ...decoded.attachments } };
    },
  };
}

/** The call timeout: the `timeout` attachment, else `<method>.timeout` / `timeout` on the URL, else 1000 ms. */
function timeoutOf(url: ServiceUrl, invocation: Invocation): number {
  const fromAttachment = Number(invocation.attachments.timeout);
  if (Number.isFinite(fromAttachment) && fromAttachment > 0) return fromAttachment;
  const fromUrl = Number(url.getMethodParameter(invocation.methodName, "timeout"));
  return Number.isFinite(fromUrl) && fromUrl > 0 ? fromUrl : DEFAULT_TIMEOUT;
}
