import { Code, RpcError } from "@dubbo-ts/core/spi";
import type { ServerCallContext } from "./call-context.js";
import type { IdlMethod, IdlService } from "./idl.js";
import { lowerFirst } from "./idl.js";
import type { StreamHandler } from "./server.js";

/**
 * A method implementation, by shape: unary `(request, ctx) => response | Promise`,
 * server-streaming `(request, ctx) => AsyncIterable`, client-streaming
 * `(requests, ctx) => Promise`, bidi `(requests, ctx) => AsyncIterable`. `ctx.signal` aborts when
 * the client cancels or the deadline passes; a thrown error becomes the call's status.
 */
// biome-ignore lint/suspicious/noExplicitAny: implementations are typed by the user's own interface
export type IdlImplementation = Record<string, (request: any, ctx: ServerCallContext) => unknown>;

async function* decodeEach(
  requests: AsyncIterable<Buffer>,
  method: IdlMethod,
): AsyncGenerator<Record<string, unknown>> {
  for await (const bytes of requests) yield decodeOrFail(() => method.decodeRequest(bytes));
}

function decodeOrFail<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    throw new RpcError(
      Code.Serialization,
      `cannot decode the request message: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** The single request of a unary or server-streaming call (more or none is an error). */
async function single(
  requests: AsyncIterable<Buffer>,
  method: IdlMethod,
): Promise<Record<string, unknown>> {
  let found: Buffer | undefined;
  for await (const bytes of requests) {
    if (found)
      throw new RpcError(Code.Serialization, `${method.path} takes one request message, got more`);
    found = bytes;
  }
  if (!found) throw new RpcError(Code.Serialization, `${method.path} got no request message`);
  return decodeOrFail(() => method.decodeRequest(found));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** The transport handler of one rpc over a user implementation. */
export function idlHandler(
  method: IdlMethod,
  fn: (request: unknown, ctx: ServerCallContext) => unknown,
): StreamHandler {
  const encode = (value: unknown) => {
    try {
      return method.encodeResponse(value);
    } catch (error) {
      throw new RpcError(
        Code.Serialization,
        `cannot encode the response of ${method.path}: ${(error as Error).message}`,
      );
    }
  };
  switch (method.kind) {
    case "unary":
      return Object.assign(
        async function* (ctx: ServerCallContext, requests: AsyncIterable<Buffer>) {
          yield encode(await fn(await single(requests, method), ctx));
        },
        {
          // Synchronous when the implementation answers synchronously (no promise per call).
          unary: (ctx: ServerCallContext, request: Buffer) => {
            const answer = fn(
              decodeOrFail(() => method.decodeRequest(request)),
              ctx,
            );
            return isThenable(answer) ? Promise.resolve(answer).then(encode) : encode(answer);
          },
        },
      );
    case "client-streaming":
      return async function* (ctx, requests) {
        yield encode(await fn(decodeEach(requests, method), ctx));
      };
    case "server-streaming":
      return async function* (ctx, requests) {
        const out = fn(await single(requests, method), ctx) as AsyncIterable<unknown>;
        for await (const value of out) yield encode(value);
      };
    default:
      return async function* (ctx, requests) {
        const out = fn(decodeEach(requests, method), ctx) as AsyncIterable<unknown>;
        for await (const value of out) yield encode(value);
      };
  }
}

/**
 * Handlers of every rpc of `service` implemented by `impl` (by the `.proto` name or its
 * lowerCamel form). A missing implementation is a TypeError naming it.
 */
export function idlHandlers(
  service: IdlService,
  impl: IdlImplementation,
): Map<string, StreamHandler> {
  const handlers = new Map<string, StreamHandler>();
  for (const method of service.methods) {
    const fn = impl[method.name] ?? impl[lowerFirst(method.name)];
    if (typeof fn !== "function") {
      throw new TypeError(
        `the implementation of ${service.name} has no method ${lowerFirst(method.name)} (or ${method.name})`,
      );
    }
    handlers.set(method.name, idlHandler(method, fn.bind(impl)));
  }
  return handlers;
}
