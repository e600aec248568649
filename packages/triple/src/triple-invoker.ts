import {
  Code,
  callTimeout,
  type Invocation,
  type Invoker,
  type Result,
  RpcError,
  type ServiceUrl,
} from "@dubbo-ts/core/spi";
import {
  type DecodeOptions,
  fromJavaThrowable,
  hessian2Serialization,
} from "@dubbo-ts/protocol/codec";
import {
  attachmentsToHeaders,
  headersToAttachments,
  serviceHeaders,
} from "./attachment-headers.js";
import { javaClassName } from "./java-class-name.js";
import type { SessionHolder } from "./session-holder.js";
import { unaryCall } from "./unary-call.js";
import { hessianBlob } from "./wrapped-service.js";
import { decodeResponseWrapper, encodeRequestWrapper, HESSIAN4 } from "./wrapper.js";

export interface TripleInvokerOptions {
  readonly url: ServiceUrl;
  readonly holder: SessionHolder;
  readonly maxMessageSize: number;
  readonly decode: DecodeOptions;
  /** Called once by `destroy()`. */
  readonly release: () => void;
}

/**
 * An Invoker for one provider over Triple, for Java-interface contracts (Java's TripleInvoker in
 * wrapped mode): POST `/<interface>/<method>` on the address's shared HTTP/2 connection with
 * `tri-service-version`/`tri-service-group`/`tri-consumer-appname` headers, the attachments as
 * headers and `grpc-timeout` from the call timeout; the body is a `TripleRequestWrapper`
 * ("hessian4", one hessian2 stream per argument, `argTypes` as `Class.getName()`). Resolves with
 * the value, or with a business exception (`tri-exception-code` header, Code.Biz); rejects with
 * the RpcError of a non-OK status (mapping in grpc-status.ts: DEADLINE_EXCEEDED → Timeout,
 * UNAVAILABLE → Network, UNIMPLEMENTED → MethodNotFound …).
 */
export function createTripleInvoker(options: TripleInvokerOptions): Invoker {
  const { url, holder } = options;
  const iface = url.getParameter("interface") ?? url.path;
  const fixed = serviceHeaders(url);
  let destroyed = false;
  return {
    url,
    isAvailable: () => !destroyed && holder.healthy,
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
      let body: Uint8Array;
      try {
        body = encodeRequestWrapper({
          serializeType: HESSIAN4,
          args: invocation.args.map((a, i) =>
            hessianBlob(a, invocation.parameterTypes[i]!, `argument ${i} of ${method}`),
          ),
          argTypes: invocation.parameterTypes.map(javaClassName),
        });
      } catch (e) {
        throw new RpcError(
          Code.Serialization,
          `cannot send ${iface}.${method}: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
      const extra = attachmentsToHeaders(invocation.attachments);
      const { version, group } = invocation;
      let headers = fixed;
      // The common call (the URL's version and group, no attachment to send) shares one headers
      // object, which also lets requestHeaders reuse its cached headers for the path.
      if (
        (version && version !== "0.0.0" && version !== fixed["tri-service-version"]) ||
        (group && group !== fixed["tri-service-group"]) ||
        !isEmpty(extra)
      ) {
        headers = { ...fixed };
        if (version && version !== "0.0.0") headers["tri-service-version"] = version;
        if (group) headers["tri-service-group"] = group;
        Object.assign(headers, extra);
      }
      const {
        message,
        headers: responseHeaders,
        status,
      } = await unaryCall(
        holder,
        {
          path: `/${iface}/${method}`,
          headers,
          timeout: invocation.call?.timeout ?? callTimeout(url, invocation),
          maxMessageSize: options.maxMessageSize,
        },
        body,
      );
      if (!message) {
        throw new RpcError(
          Code.Serialization,
          `no response message for ${iface}.${method} from ${url.address}`,
        );
      }
      const attachments = status.trailers ? headersToAttachments(status.trailers) : {};
      try {
        const wrapper = decodeResponseWrapper(message);
        const data = Buffer.from(
          wrapper.data.buffer,
          wrapper.data.byteOffset,
          wrapper.data.byteLength,
        );
        const input = hessian2Serialization.createInput(data, 0, data.length, options.decode);
        const code = responseHeaders["tri-exception-code"];
        if (code !== undefined && code !== "0") {
          return { exception: fromJavaThrowable(input.readObject()), attachments };
        }
        return { value: input.readObject(invocation.returnType), attachments };
      } catch (e) {
        throw new RpcError(
          Code.Serialization,
          `cannot decode the response of ${iface}.${method} from ${url.address}: ${(e as Error).message}`,
          { cause: e },
        );
      }
    },
  };
}

function isEmpty(record: Record<string, string>): boolean {
  for (const _ in record) return false;
  return true;
}
