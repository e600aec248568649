import {
  Code,
  GenericResult,
  type Invoker,
  type MethodDefinition,
  RpcError,
  type ServiceDefinition,
} from "@dubbo-ts/core/spi";
import {
  type DecodeOptions,
  hessian2Serialization,
  toJavaThrowable,
} from "@dubbo-ts/protocol/codec";
import type { ServerCallContext } from "./call-context.js";
import { javaClassName } from "./java-class-name.js";
import { type InvocationTarget, ProviderInvocation } from "./provider-invocation.js";
import type { StreamHandler } from "./server.js";
import { decodeRequestWrapper, encodeResponseWrapper, HESSIAN4 } from "./wrapper.js";

/** `tri-exception-code` of a business exception: RpcException.BIZ_EXCEPTION (ExceptionCustomizerWrapper). */
export const BIZ_EXCEPTION_CODE = "3";

const ECHO: MethodDefinition = {
  name: "$echo",
  parameterTypes: ["java.lang.Object"],
  returnType: "java.lang.Object",
};
const GENERIC_TYPES = ["java.lang.String", "java.lang.String[]", "java.lang.Object[]"];

/**
 * Encodes one value as its own hessian2 stream (one per argument or result). A `GenericResult`
 * (a generic call's, from core's GenericFilter) is written generalized with its own Java type.
 */
export function hessianBlob(value: unknown, type: string, what: string): Buffer {
  const out = hessian2Serialization.createOutput(0);
  if (value instanceof GenericResult) {
    if (value.raw) out.writeObject(value.value, value.returnType, what);
    else out.writeGeneralized(value.value, value.returnType, what);
  } else out.writeObject(value, type, what);
  return out.toBuffer();
}

/** Encodes a business exception as Java's Throwable, for a response wrapper's data. */
export function throwableBlob(error: unknown): Buffer {
  const out = hessian2Serialization.createOutput(0);
  out.writeThrowable(toJavaThrowable(error));
  return out.toBuffer();
}

function methodsByName(definition: ServiceDefinition): Map<string, MethodDefinition[]> {
  const byName = new Map<string, MethodDefinition[]>();
  for (const m of definition.methods) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  byName.set("$echo", [ECHO]);
  for (const name of ["$invoke", "$invokeAsync"]) {
    byName.set(name, [{ name, parameterTypes: GENERIC_TYPES, returnType: "java.lang.Object" }]);
  }
  return byName;
}

/** One overload of a method, with the invocation target its calls share (made once). */
interface Overload {
  readonly method: MethodDefinition;
  readonly target: InvocationTarget;
  /** The Java names of its parameter types, as a request wrapper's `argTypes` gives them. */
  readonly argTypes: readonly string[];
}

function overloadsOf(
  methods: readonly MethodDefinition[],
  options: Parameters<typeof wrappedHandlers>[0],
): Overload[] {
  return methods.map((method) => ({
    method,
    argTypes: method.parameterTypes.map(javaClassName),
    target: {
      serviceName: options.path,
      version: options.version,
      group: options.group,
      methodName: method.name,
      parameterTypes: method.parameterTypes,
      // `$invoke`'s result is shaped by core's GenericFilter, not by a declared type.
      returnType: isGeneric(method.name) ? undefined : method.returnType,
    },
  }));
}

function isGeneric(name: string): boolean {
  return name === "$invoke" || name === "$invokeAsync";
}

/**
 * The handlers of a Java-interface service over Triple (Java's ReflectionPackableMethod, wrapped
 * mode): each request is a `TripleRequestWrapper` whose `argTypes` pick the overload BEFORE any
 * argument is decoded (CVE-2020-1948); each argument is decoded as its declared type; the
 * invocation goes to `invoker` (core's filters, incl. `$echo` and generic, are in it). A value
 * answers a `TripleResponseWrapper`; a business exception answers the same wrapper holding the
 * Throwable, with the response header `tri-exception-code: 3` and `grpc-status: 0`, which is how
 * Java 3.3 carries it (ExceptionCustomizerWrapper.customizeGrpc, UnaryClientCallListener.onClose).
 * Result attachments travel as trailers.
 */
export function wrappedHandlers(options: {
  readonly definition: ServiceDefinition;
  readonly invoker: Invoker;
  readonly path: string;
  readonly version: string | undefined;
  readonly group: string | undefined;
  readonly decode: DecodeOptions;
}): Map<string, StreamHandler> {
  const handlers = new Map<string, StreamHandler>();
  for (const [name, methods] of methodsByName(options.definition)) {
    const overloads = overloadsOf(methods, options);
    handlers.set(
      name,
      Object.assign(
        (ctx: ServerCallContext, requests: AsyncIterable<Buffer>) =>
          serve(ctx, requests, name, overloads, options),
        {
          unary: (ctx: ServerCallContext, request: Buffer) =>
            answer(ctx, request, name, overloads, options),
        },
      ),
    );
  }
  return handlers;
}

async function* serve(
  ctx: ServerCallContext,
  requests: AsyncIterable<Buffer>,
  name: string,
  overloads: readonly Overload[],
  options: Parameters<typeof wrappedHandlers>[0],
): AsyncGenerator<Uint8Array> {
  let body: Buffer | undefined;
  for await (const message of requests) {
    if (body)
      throw new RpcError(Code.Serialization, `${ctx.service}/${name} takes one request message`);
    body = message;
  }
  if (!body)
    throw new RpcError(Code.Serialization, `${ctx.service}/${name} got no request message`);
  yield await answer(ctx, body, name, overloads, options);
}

/** One request wrapper in, one response wrapper out (also the server's unary fast path). */
async function answer(
  ctx: ServerCallContext,
  body: Buffer,
  name: string,
  overloads: readonly Overload[],
  options: Parameters<typeof wrappedHandlers>[0],
): Promise<Uint8Array> {
  const wrapper = decodeRequestWrapper(body);
  if (wrapper.serializeType !== HESSIAN4 && wrapper.serializeType !== "hessian2") {
    throw new RpcError(
      Code.Serialization,
      `serializeType ${JSON.stringify(wrapper.serializeType)} is not supported: this provider speaks hessian2 ("hessian4"); set prefer-serialization=hessian2 on the consumer`,
    );
  }
  const overload = overloads.find(
    (o) =>
      o.argTypes.length === wrapper.argTypes.length &&
      o.argTypes.every((t, i) => t === wrapper.argTypes[i]),
  );
  if (!overload) {
    throw new RpcError(
      Code.MethodNotFound,
      `${ctx.service} has no method ${name}(${wrapper.argTypes.join(", ")})`,
    );
  }
  const { method } = overload;
  if (wrapper.args.length !== method.parameterTypes.length) {
    throw new RpcError(
      Code.Serialization,
      `${name} takes ${method.parameterTypes.length} arguments, got ${wrapper.args.length}`,
    );
  }
  // `$echo` and `$invoke` (its generic-mode check, CVE-2021-30179) are core's filters' job.
  const generic = isGeneric(name);
  const args = wrapper.args.map((blob, i) => {
    const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    return hessian2Serialization
      .createInput(bytes, 0, bytes.length, options.decode)
      .readObject(method.parameterTypes[i]);
  });
  const invocation = new ProviderInvocation(overload.target, args, ctx);
  const type = javaClassName(method.returnType);
  let result: Awaited<ReturnType<Invoker["invoke"]>>;
  try {
    result = await options.invoker.invoke(invocation);
  } catch (error) {
    if (error instanceof RpcError && error.code !== Code.Biz) throw error;
    result = { exception: RpcError.from(error, Code.Biz), attachments: {} };
  }
  for (const [k, v] of Object.entries(result.attachments ?? {})) {
    if (typeof v === "string" && !k.startsWith(":")) ctx.responseTrailers[k.toLowerCase()] = v;
  }
  if (result.exception) {
    ctx.responseHeaders["tri-exception-code"] = BIZ_EXCEPTION_CODE;
    return encodeResponseWrapper({
      serializeType: HESSIAN4,
      data: throwableBlob(result.exception),
      type,
    });
  }
  // void methods answer a hessian null, as Java serializes the null result of a void method.
  const valueType =
    generic || method.returnType === "void" ? "java.lang.Object" : method.returnType;
  let data: Buffer;
  try {
    data = hessianBlob(result.value, valueType, "return value");
  } catch (error) {
    throw new RpcError(
      Code.Serialization,
      `cannot encode the result of ${ctx.service}.${name}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return encodeResponseWrapper({ serializeType: HESSIAN4, data, type });
}
