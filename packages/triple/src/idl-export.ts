import { type Invocation, type Invoker, RpcError } from "@dubbo-ts/core/spi";
import { headersToAttachments } from "./attachment-headers.js";
import type { ServerCallContext } from "./call-context.js";
import { type IdlService, lowerFirst } from "./idl.js";
import { idlHandler } from "./idl-handler.js";
import type { StreamHandler } from "./server.js";

/**
 * The handlers of a `.proto` service exported through core: each rpc becomes an Invocation of
 * the lowerCamel method with the decoded request (or the async iterable of them) as its one
 * argument, through the provider's filters to the implementation. A business exception ends the
 * call with UNKNOWN and its message, as Java's IDL services do; RpcErrors map by code.
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
    const name = lowerFirst(method.name);
    const invoke = async (request: unknown, ctx: ServerCallContext) => {
      const attachments = headersToAttachments(ctx.headers);
      if (ctx.deadline !== undefined) {
        attachments.timeout = String(Math.max(1, ctx.deadline - Date.now()));
      }
      const invocation: Invocation = {
        serviceName: options.path,
        version: options.version,
        group: options.group,
        methodName: name,
        parameterTypes: [method.path],
        returnType: undefined,
        args: [request],
        attachments,
        remoteAddress: ctx.remoteAddress,
        localAddress: ctx.localAddress,
      };
      const result = await options.invoker.invoke(invocation);
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
