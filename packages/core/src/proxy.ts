import { consumerContextFilter } from "./filter/context.js";
import { chain, type Filter, type Invoke } from "./filter.js";
import { GENERIC_INVOKE, GENERIC_PARAMETER_TYPES, type GenericService } from "./generic.js";
import type { Invocation } from "./invocation.js";
import type { Invoker } from "./invoker.js";
import { pickOverload } from "./overload.js";
import { recreate } from "./result.js";
import type { MethodDefinition, ServiceDefinition } from "./service-definition.js";
import { serviceKey } from "./service-url.js";

export interface ProxyOptions {
  /** The contract: interface name and methods with Java types. */
  readonly definition: ServiceDefinition;
  /** Usually a cluster invoker over a directory; any Invoker works (tests pass a fake). */
  readonly invoker: Invoker;
  readonly version?: string | undefined;
  readonly group?: string | undefined;
  /**
   * Consumer filters: `filters[0]` is the outermost, the innermost `next` is `invoker`. The
   * context filter (RpcContext attachments, propagation) always runs first, before these.
   */
  readonly filters?: readonly Filter[] | undefined;
}

/** What every proxy has besides the contract's methods. */
export type ServiceProxy<T> = T & GenericService;

/**
 * A typed client of a remote service: a TS type in, an object whose methods make calls out.
 * `proxy.findPage(1, 10)` becomes an `Invocation` of `findPage` with the Java parameter types from
 * the contract (`int`, `int`), goes through the filters and the invoker, and resolves with the
 * result value or rejects with its `RpcError` (`Code.Biz` for exceptions thrown by the provider).
 * Calling with a wrong number of arguments rejects with a TypeError before anything is sent.
 * Every proxy also has `$invoke` (generic call) and `$echo`. The proxy is not thenable, so it can
 * be returned from async functions. Unknown property names read as `undefined`.
 */
export function createProxy<T extends object>(options: ProxyOptions): ServiceProxy<T> {
  const { definition, invoker } = options;
  const key = serviceKey(definition.interface, options.version, options.group);
  const invoke: Invoke = chain([consumerContextFilter, ...(options.filters ?? [])], (invocation) =>
    invoker.invoke(invocation),
  );
  const call = (
    methodName: string,
    parameterTypes: readonly string[],
    returnType: string,
    args: readonly unknown[],
  ): Promise<unknown> => {
    // What createInvocation builds, as one literal (its spreads showed in the benchmark profile).
    // `call` is present (unset) so that the copies made on the way (`{ ...invocation, call }`)
    // keep this object's shape: V8 clones same-shape spreads on its fast path.
    const invocation: Invocation = {
      serviceName: definition.interface,
      version: options.version,
      group: options.group,
      methodName,
      parameterTypes,
      returnType,
      args,
      attachments: {},
      call: undefined,
    };
    // One derived promise per call (not an async function's promise plus its await); a
    // synchronous throw of a filter still becomes a rejection.
    try {
      return invoke(invocation).then(recreate);
    } catch (e) {
      return Promise.reject(e);
    }
  };

  const methods = new Map<string | symbol, unknown>();
  const names = new Set(definition.methods.map((m) => m.name));
  const overloads = new Map<string, MethodDefinition[]>();
  for (const m of definition.methods) overloads.set(m.name, [...(overloads.get(m.name) ?? []), m]);
  for (const name of names) {
    const candidates = overloads.get(name)!;
    methods.set(name, (...args: unknown[]) => {
      // One method of the name (the usual case): no per-call choice.
      const method = candidates.length === 1 ? candidates[0]! : pickOverload(candidates, args);
      if (args.length !== method.parameterTypes.length) {
        return Promise.reject(
          new TypeError(
            `${definition.interface}.${name} takes ${method.parameterTypes.length} argument(s) (${method.parameterTypes.join(", ")}), got ${args.length}`,
          ),
        );
      }
      return call(name, method.parameterTypes, method.returnType, args);
    });
  }
  if (!names.has(GENERIC_INVOKE)) {
    methods.set(
      GENERIC_INVOKE,
      (method: string, types: readonly string[], args: readonly unknown[]) =>
        call(GENERIC_INVOKE, GENERIC_PARAMETER_TYPES, "java.lang.Object", [
          method,
          [...types],
          [...args],
        ]),
    );
  }
  if (!names.has("$echo")) {
    methods.set("$echo", (value: unknown) =>
      call("$echo", ["java.lang.Object"], "java.lang.Object", [value]),
    );
  }
  methods.set("toString", () => `[dubbo proxy ${key}]`);
  return new Proxy(Object.create(null) as object, {
    get: (_target, property) => methods.get(property),
    has: (_target, property) => methods.has(property),
    set: () => false,
    ownKeys: () => [...names],
    getOwnPropertyDescriptor: (_target, property) =>
      names.has(String(property))
        ? { value: methods.get(property), enumerable: true, configurable: true, writable: false }
        : undefined,
  }) as ServiceProxy<T>;
}
