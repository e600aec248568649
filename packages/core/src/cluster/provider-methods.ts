import { GENERIC_INVOKE, GENERIC_INVOKE_ASYNC } from "../generic.js";
import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import { Code, RpcError } from "../rpc-error.js";
import type { ServiceUrl } from "../service-url.js";

/** `methods=` of a provider URL as a set; undefined when absent or `*` (it may serve anything). */
const methodSets = new WeakMap<ServiceUrl, ReadonlySet<string> | undefined>();

function methodsOf(url: ServiceUrl): ReadonlySet<string> | undefined {
  if (methodSets.has(url)) return methodSets.get(url);
  const raw = url.getParameter("methods");
  const list = raw?.split(",").map((m) => m.trim()) ?? [];
  const set = raw === undefined || raw === "" || list.includes("*") ? undefined : new Set(list);
  methodSets.set(url, set);
  return set;
}

/** The method a call really runs: the named one for `$invoke`; undefined for `$echo` and such. */
function calledMethod(invocation: Invocation): string | undefined {
  const name = invocation.methodName;
  if (name === GENERIC_INVOKE || name === GENERIC_INVOKE_ASYNC) {
    const target = invocation.args[0];
    return typeof target === "string" ? target : undefined;
  }
  return name.startsWith("$") ? undefined : name;
}

/** Per listed array (directories hand out the same array until the list changes), per method. */
const byList = new WeakMap<readonly Invoker[], Map<string, readonly Invoker[] | RpcError>>();

/**
 * The providers that can serve the call's method, judged by the `methods=` parameter every
 * provider registers (Dubbo 2.6's RegistryDirectory routes by it too). A provider whose URL has
 * no `methods=` (or `*`) is kept. When no provider lists the method, the call fails here, before
 * a provider is chosen, with `Code.MethodNotFound` (never retried) and a message naming what the
 * providers do list — instead of a round trip per provider answering "Service not found".
 */
export function providersServing(
  invokers: readonly Invoker[],
  invocation: Invocation,
): readonly Invoker[] {
  const method = calledMethod(invocation);
  if (method === undefined) return invokers;
  let cache = byList.get(invokers);
  if (!cache) {
    cache = new Map();
    byList.set(invokers, cache);
  }
  let answer = cache.get(method);
  if (answer === undefined) {
    const serving = invokers.filter((i) => methodsOf(i.url)?.has(method) !== false);
    answer =
      serving.length === invokers.length
        ? invokers
        : serving.length > 0
          ? serving
          : missingMethod(invokers, method);
    cache.set(method, answer);
  }
  if (answer instanceof RpcError) throw answer;
  return answer;
}

function missingMethod(invokers: readonly Invoker[], method: string): RpcError {
  const first = invokers[0]!.url;
  const iface = first.getParameter("interface") ?? first.path;
  return new RpcError(
    Code.MethodNotFound,
    `${iface} has no method ${method}: ${listedMethods(invokers)}. Check the method name and the contract's interface/version, or deploy a provider that has it`,
  );
}

/** "the provider 10.0.0.1:20880 lists methods=a,b" (grouped when providers differ). */
export function listedMethods(invokers: readonly Invoker[]): string {
  const groups = new Map<string, string[]>();
  for (const invoker of invokers) {
    const methods = invoker.url.getParameter("methods") ?? "(none)";
    groups.set(methods, [...(groups.get(methods) ?? []), invoker.url.address]);
  }
  return [...groups]
    .map(([methods, addresses]) => {
      const who =
        addresses.length === 1
          ? `the provider ${addresses[0]}`
          : `the providers ${addresses.slice(0, 3).join(", ")}${addresses.length > 3 ? ` and ${addresses.length - 3} more` : ""}`;
      return `${who} list${addresses.length === 1 ? "s" : ""} methods=${methods}`;
    })
    .join("; ");
}
