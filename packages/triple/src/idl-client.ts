import { Code, type Logger, RpcError, silentLogger } from "@dubbo-ts/core/spi";
import type protobuf from "protobufjs";
import { type ClientCall, startCall } from "./client-call.js";
import { describeService, type IdlMethod, lowerFirst } from "./idl.js";
import { clientTls, resolveLimits, type TlsOptions, type TripleLimits } from "./options.js";
import { SessionHolder } from "./session-holder.js";
import { type UnaryResponse, unaryCall } from "./unary-call.js";

/** Per-call options of an IDL client method. */
export interface IdlCallOptions {
  /** Deadline in ms (default: the client's `timeout`). */
  readonly timeout?: number | undefined;
  /** Aborting cancels the call (RST_STREAM CANCEL). */
  readonly signal?: AbortSignal | undefined;
  /** Extra metadata headers (lowercase; `-bin` values base64). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export interface IdlClientInit extends Partial<TripleLimits> {
  /** `host:port` of the server. */
  readonly address: string;
  /** Sent as `tri-service-group` / `tri-service-version` to pick a Dubbo service. */
  readonly group?: string | undefined;
  readonly version?: string | undefined;
  /** Default deadline of every call in ms; none by default. */
  readonly timeout?: number | undefined;
  /** gzip request messages. */
  readonly compression?: boolean | undefined;
  /** TLS: connect with h2 over TLS trusting `tls.ca`. */
  readonly tls?: TlsOptions | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * A client of one `.proto` service: one method per rpc, under its `.proto` name and its
 * lowerCamel name. Unary → `(request, options?) => Promise<response>`; server-streaming →
 * `(request, options?) => AsyncIterable<response>`; client-streaming →
 * `(requests: AsyncIterable | Iterable, options?) => Promise<response>`; bidi →
 * `(requests, options?) => AsyncIterable<response>`. Failures reject/throw `RpcError` whose
 * `grpcStatusOf(error)` is the status. `close()` ends the connection after in-flight calls.
 */
// biome-ignore lint/suspicious/noExplicitAny: typed by the caller's own interface (T)
export type IdlClient = Record<string, (request: any, options?: IdlCallOptions) => any> & {
  close(): void;
};

async function* toAsync(
  values: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncGenerator<unknown> {
  yield* values as AsyncIterable<unknown>;
}

async function* encodeEach(
  values: AsyncIterable<unknown> | Iterable<unknown>,
  method: IdlMethod,
): AsyncGenerator<Uint8Array> {
  for await (const v of toAsync(values)) yield method.encodeRequest(v);
}

async function* decodeEach(
  call: ClientCall,
  method: IdlMethod,
): AsyncGenerator<Record<string, unknown>> {
  for await (const bytes of call.responses) yield method.decodeResponse(bytes);
}

async function single(call: ClientCall, method: IdlMethod): Promise<Record<string, unknown>> {
  let found: Buffer | undefined;
  for await (const bytes of call.responses) {
    if (found === undefined) found = bytes;
  }
  if (found === undefined) {
    throw new RpcError(Code.Serialization, `no response message for ${method.path} (status OK)`);
  }
  return method.decodeResponse(found);
}

/** Creates a client; the connection opens on the first call. `T` is the caller's view of it. */
export function createIdlClient<T = IdlClient>(service: protobuf.Service, init: IdlClientInit): T {
  const limits = resolveLimits(init);
  const colon = init.address.lastIndexOf(":");
  const holder = new SessionHolder({
    host: init.address.slice(0, colon).replace(/^\[|\]$/g, ""),
    port: Number(init.address.slice(colon + 1)),
    keepAliveTime: limits.keepAliveTime,
    keepAliveTimeout: limits.keepAliveTimeout,
    tls: clientTls(init.tls),
    maxHeaderListSize: limits.maxHeaderListSize,
    logger: init.logger ?? silentLogger,
  });
  const fixed: Record<string, string> = {};
  if (init.group) fixed["tri-service-group"] = init.group;
  if (init.version) fixed["tri-service-version"] = init.version;
  const client: Record<string, unknown> = { close: () => holder.close() };
  for (const method of describeService(service).methods) {
    const make = (options: IdlCallOptions) => ({
      path: method.path,
      headers: options.headers ? { ...fixed, ...options.headers } : fixed,
      timeout: options.timeout ?? init.timeout,
      signal: options.signal,
      maxMessageSize: limits.maxMessageSize,
      compression: init.compression,
    });
    // A call without options sends the same request every time: make it once.
    const plain = make({});
    const callRequest = (options?: IdlCallOptions) => (options ? make(options) : plain);
    const begin = (
      requests: AsyncIterable<Uint8Array> | Uint8Array[],
      options: IdlCallOptions = {},
    ) => startCall(holder, callRequest(options), requests);
    const decodeUnary = ({ message }: UnaryResponse) => {
      if (message === undefined) {
        throw new RpcError(
          Code.Serialization,
          `no response message for ${method.path} (status OK)`,
        );
      }
      return method.decodeResponse(message);
    };
    let fn: (request: unknown, options?: IdlCallOptions) => unknown;
    switch (method.kind) {
      case "unary":
        fn = (request, options) => {
          let body: Uint8Array;
          try {
            body = method.encodeRequest(request);
          } catch (error) {
            return Promise.reject(error);
          }
          // One promise per call (no async wrapper): the response is decoded in its `then`.
          return unaryCall(holder, callRequest(options), body).then(decodeUnary);
        };
        break;
      case "server-streaming":
        fn = (request, options) =>
          decodeEach(begin([method.encodeRequest(request)], options), method);
        break;
      case "client-streaming":
        fn = (requests, options) =>
          single(begin(encodeEach(requests as Iterable<unknown>, method), options), method);
        break;
      default:
        fn = (requests, options) =>
          decodeEach(begin(encodeEach(requests as Iterable<unknown>, method), options), method);
    }
    client[method.name] = fn;
    client[lowerFirst(method.name)] = fn;
  }
  return client as T;
}
