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
  attachmentsToHeaders,
  headersToAttachments,
  serviceHeaders,
} from "./attachment-headers.js";
import { type ClientCall, startCall } from "./client-call.js";
import type { StatusInfo } from "./grpc-status.js";
import { type IdlMethod, type IdlService, lowerFirst } from "./idl.js";
import type { SessionHolder } from "./session-holder.js";
import { unaryCall } from "./unary-call.js";

export interface IdlInvokerOptions {
  readonly url: ServiceUrl;
  readonly service: IdlService;
  readonly holder: SessionHolder;
  readonly maxMessageSize: number;
  readonly release: () => void;
}

async function* encodeEach(values: AsyncIterable<unknown> | Iterable<unknown>, method: IdlMethod) {
  for await (const v of values as AsyncIterable<unknown>) yield method.encodeRequest(v);
}

async function* decodeEach(call: ClientCall, method: IdlMethod) {
  for await (const bytes of call.responses) yield method.decodeResponse(bytes);
}

/**
 * An Invoker for one provider of a `.proto` service (see `idlContract`): the invocation's one
 * argument is the request message (or an iterable of them for client/bidi streaming), sent in
 * protobuf to `/<package.Service>/<Method>`; a unary or client-streaming call resolves with the
 * response message, a server/bidi-streaming one at once with an async iterable of responses
 * (its errors are thrown by the iteration). Non-OK statuses reject as RpcErrors (grpc-status.ts).
 */
export function createIdlInvoker(options: IdlInvokerOptions): Invoker {
  const { url, holder, service } = options;
  const byName = new Map(service.methods.map((m) => [lowerFirst(m.name), m]));
  for (const m of service.methods) byName.set(m.name, m);
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
      const method = byName.get(invocation.methodName);
      if (!method) {
        throw new RpcError(
          Code.MethodNotFound,
          `${service.name} has no rpc ${invocation.methodName}`,
        );
      }
      const headers = attachmentsToHeaders(invocation.attachments, { ...fixed });
      const [arg] = invocation.args;
      let requests: AsyncIterable<Uint8Array> | Uint8Array[];
      try {
        requests =
          method.kind === "client-streaming" || method.kind === "bidi-streaming"
            ? encodeEach(arg as AsyncIterable<unknown>, method)
            : [method.encodeRequest(arg)];
      } catch (e) {
        throw new RpcError(
          Code.Serialization,
          `cannot encode the request of ${method.path}: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
      const callRequest = {
        path: method.path,
        headers,
        timeout: invocation.call?.timeout ?? callTimeout(url, invocation),
        maxMessageSize: options.maxMessageSize,
      };
      if (method.kind === "server-streaming" || method.kind === "bidi-streaming") {
        return {
          value: decodeEach(startCall(holder, callRequest, requests), method),
          attachments: {},
        };
      }
      let message: Buffer | undefined;
      let status: StatusInfo;
      if (Array.isArray(requests)) {
        ({ message, status } = await unaryCall(holder, callRequest, requests[0]!));
      } else {
        const call = startCall(holder, callRequest, requests);
        for await (const m of call.responses) message ??= m;
        status = await call.status;
      }
      if (!message)
        throw new RpcError(
          Code.Serialization,
          `no response message for ${method.path} (status OK)`,
        );
      return {
        value: method.decodeResponse(message),
        attachments: status.trailers ? headersToAttachments(status.trailers) : {},
      };
    },
  };
}
