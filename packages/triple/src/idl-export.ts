import { type Invoker, RpcError } from "@dubbo-ts/core/spi";
import type { ServerCallContext } from "./call-context.js";
import { type IdlService, lowerFirst } from "./idl.js";
import { idlHandler } from "./idl-handler.js";
import { type InvocationTarget, ProviderInvocation } from "./provider-invocation.js";
import type { StreamHandler } from "./server.js";

/**
 * The handlers of a `.proto` service exported through core: each rpc becomes an Invocation of
 * the lowerCamel method with the decoded request (or the async iterable of them) as its one
 * argument, through the provider's filters to the implementation, which sees the call's abort
 * as `RpcContext.server()?.signal` (`ProviderInvocation`). A business exception ends the call
 * with UNKNOWN and its message, as Java's IDL services do; RpcErrors map by code.
 */
export function idlExportHandlers(options: {
  readonly service: IdlService;
  readonly invoker: Invoker;
  readonly path: string;
  readonly version: string | undefined;
  readonly group: string | undefined;
}): Map<string, StreamHandler> {
  const handlers = new Map<string, StreamHandler>();
  for (const method of options.service.methods) {
    const target: InvocationTarget = {
      serviceName: options.path,
      version: options.version,
      group: options.group,
      methodName: lowerFirst(method.name),
      parameterTypes: [method.path],
      returnType: undefined,
    };
    const invoke = async (request: unknown, ctx: ServerCallContext) => {
      const result = await options.invoker.invoke(new ProviderInvocation(target, [request], ctx));
      for (const [k, v] of Object.entries(result.attachments ?? {})) {
        if (typeof v === "string") ctx.responseTrailers[k.toLowerCase()] = v;
      }
      if (result.exception) throw RpcError.from(result.exception);
      return result.value;
    };
    const streams = method.kind === "server-streaming" || method.kind === "bidi-streaming";
    handlers.set(
      method.name,
      idlHandler(
        method,
        streams
          ? (request, ctx) =>
              (async function* () {
                yield* (await invoke(request, ctx)) as AsyncIterable<unknown>;
              })()
          : invoke,
      ),
    );
  }
  return handlers;
}
