import type { ClusterOptions } from "../cluster.js";
import type { Directory } from "../directory.js";
import type { Invocation } from "../invocation.js";
import type { Invoker } from "../invoker.js";
import { getLoadBalanceFactory } from "../load-balance/extensions.js";
import { DEFAULT_LOAD_BALANCE, type LoadBalance } from "../load-balance.js";
import { type Logger, silentLogger } from "../logger.js";
import type { Result } from "../result.js";
import { Code, RpcError } from "../rpc-error.js";
import { listedMethods, providersServing } from "./provider-methods.js";

/** What a strategy's `doInvoke` gets: the call, the providers, and selection helpers. */
export interface ClusterCall {
  readonly invocation: Invocation;
  /** The providers listed for this call (non-empty). */
  readonly invokers: readonly Invoker[];
  readonly directory: Directory;
  readonly logger: Logger;
  /** Lists the directory again (failover does before each retry); throws NoInvoker if empty. */
  relist(): readonly Invoker[];
  /** Picks one of `invokers`, avoiding those in `tried` and unavailable ones when it can. */
  select(invokers: readonly Invoker[], tried: readonly Invoker[]): Invoker;
  /** A method-level parameter of the call, from the first provider's (merged) URL. */
  param(key: string): string | undefined;
}

/**
 * The shared part of every strategy (Java's `AbstractClusterInvoker`): list the directory, fail
 * with `Code.NoInvoker` when it is empty, pick a balancer from `loadbalance` (method-level first),
 * honour `sticky`, and reselect when the balancer picks a provider already tried or unavailable.
 */
export function createClusterInvoker(
  directory: Directory,
  options: ClusterOptions,
  doInvoke: (call: ClusterCall) => Promise<Result>,
): Invoker {
  const logger = options.logger ?? silentLogger;
  const findBalancer = options.loadBalance ?? getLoadBalanceFactory;
  const balancers = new Map<string, LoadBalance>();
  let stickyInvoker: Invoker | undefined;
  let destroyed = false;

  const balancer = (name: string): LoadBalance => {
    let lb = balancers.get(name);
    if (!lb) {
      const factory = findBalancer(name);
      if (!factory) {
        throw new RpcError(
          Code.Unknown,
          `unknown loadbalance "${name}" for ${directory.url.serviceKey}`,
        );
      }
      lb = factory();
      balancers.set(name, lb);
    }
    return lb;
  };

  const list = (invocation: Invocation): readonly Invoker[] => {
    if (destroyed) {
      throw new RpcError(
        Code.NoInvoker,
        `the reference to ${directory.url.serviceKey} is closed; no call can be made through it`,
      );
    }
    const invokers = directory.list(invocation);
    if (invokers.length === 0) {
      const reason = directory.emptyReason?.();
      throw new RpcError(
        Code.NoInvoker,
        `No provider available for the service ${directory.url.serviceKey} (method ${invocation.methodName}) on the consumer ${directory.url.host}: ${reason ? `${reason}, so providers cannot be looked up; start the registry or fix registry.address` : "check that the providers are started and registered"}`,
      );
    }
    return providersServing(invokers, invocation);
  };

  return {
    url: directory.url,
    isAvailable: () => {
      if (destroyed) return false;
      try {
        return directory
          .list({
            serviceName: directory.url.path,
            methodName: "",
            parameterTypes: [],
            args: [],
            attachments: {},
          })
          .some((i) => i.isAvailable());
      } catch {
        return false;
      }
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await directory.destroy();
    },
    invoke(invocation) {
      let invokers: readonly Invoker[];
      try {
        invokers = list(invocation);
      } catch (e) {
        return Promise.reject(e);
      }
      const method = invocation.methodName;
      const first = invokers[0]!;
      const param = (key: string) => first.url.getMethodParameter(method, key);
      let lb: LoadBalance;
      try {
        lb = balancer(param("loadbalance") ?? DEFAULT_LOAD_BALANCE);
      } catch (e) {
        return Promise.reject(e);
      }
      const sticky = param("sticky") === "true";
      const select = (candidates: readonly Invoker[], tried: readonly Invoker[]): Invoker => {
        if (
          sticky &&
          stickyInvoker &&
          candidates.includes(stickyInvoker) &&
          !tried.includes(stickyInvoker) &&
          stickyInvoker.isAvailable()
        ) {
          return stickyInvoker;
        }
        const chosen = selectInvoker(lb, invocation, candidates, tried);
        if (sticky) stickyInvoker = chosen;
        return chosen;
      };
      return doInvoke({
        invocation,
        invokers,
        directory,
        logger,
        relist: () => list(invocation),
        select,
        param,
      });
    },
  };
}

/**
 * AbstractClusterInvoker.doSelect/reselect: a single invoker is returned as is; otherwise the
 * balancer's pick, unless it was already tried or is unavailable — then a pick among the untried
 * available ones, else among the tried available ones, else the invoker after the first pick.
 */
export function selectInvoker(
  lb: LoadBalance,
  invocation: Invocation,
  invokers: readonly Invoker[],
  tried: readonly Invoker[],
): Invoker {
  if (invokers.length === 1) return invokers[0]!;
  const picked = lb.select(invokers, invocation);
  if (!tried.includes(picked) && picked.isAvailable()) return picked;
  const fresh = invokers.filter((i) => !tried.includes(i) && i.isAvailable());
  if (fresh.length > 0) return lb.select(fresh, invocation);
  const again = invokers.filter((i) => tried.includes(i) && i.isAvailable());
  if (again.length > 0) return lb.select(again, invocation);
  return invokers[(invokers.indexOf(picked) + 1) % invokers.length]!;
}

/**
 * Whether a cluster may run a failed call again (failover, failback). Never: a business exception
 * (the method ran and threw), `MethodNotFound` (no provider of this contract has the method; the
 * others answer the same), and `Serialization` — raised either before anything was sent (an
 * argument that does not fit its Java type fails the same everywhere) or after the provider ran
 * the call (its answer did not decode; running it again would run it twice). Java's failover
 * retries everything but Biz; these two codes are where that only repeats the failure.
 */
export function isRetryable(error: RpcError): boolean {
  return (
    error.code !== Code.Biz &&
    error.code !== Code.MethodNotFound &&
    error.code !== Code.Serialization
  );
}

/**
 * A `MethodNotFound` answered by a provider (a Java or dubbo-ts provider says "Service not found:
 * <interface>, <method>" when no method has that name and parameter types), with what that
 * provider's URL lists, so the message says which methods and signatures exist.
 */
export function withListedMethods(error: RpcError, invoker: Invoker): RpcError {
  if (error.code !== Code.MethodNotFound || error.message.includes(" lists methods=")) return error;
  return new RpcError(
    Code.MethodNotFound,
    `${error.rawMessage} (${listedMethods([invoker])}; a method with that name but other parameter types, e.g. long for java.lang.Long, does not match either)`,
    { cause: error },
  );
}

/** Structured fields for a failed attempt's log line. */
export function attemptFields(
  call: ClusterCall,
  invoker: Invoker,
  error: RpcError,
  startedAt: number,
): Record<string, unknown> {
  return {
    service: call.directory.url.serviceKey,
    method: call.invocation.methodName,
    provider: invoker.url.address,
    elapsedMs: Date.now() - startedAt,
    code: Code[error.code],
  };
}
