import { createInFlight } from "./in-flight.js";
import type { Invoker } from "./invoker.js";

/**
 * Call statistics of one invoker (all methods) or one invoker method, as Java's `RpcStatus`:
 * in-flight count (`leastactive`, `actives`), and elapsed times of succeeded calls
 * (`shortestresponse`). The consumer counts every call, whether or not `actives` is set (Java
 * counts only with `actives`, which makes `leastactive` degrade to random without it).
 */
export class RpcStatus {
  /** The calls in flight (what `active` counts); `calls.whenIdle` waits until none. */
  readonly calls = createInFlight();
  total = 0;
  failed = 0;
  succeededElapsed = 0;
  failedElapsed = 0;
  maxElapsed = 0;
  private waiters: (() => void)[] = [];

  get active(): number {
    return this.calls.count;
  }

  get succeeded(): number {
    return this.total - this.failed;
  }

  /** Resolves at the next `end()` (used by the `actives` limit to wait for a free slot). */
  whenSlotFrees(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  begin(): void {
    this.calls.begin();
  }

  end(elapsedMs: number, succeeded: boolean): void {
    this.calls.end();
    this.total++;
    if (succeeded) this.succeededElapsed += elapsedMs;
    else {
      this.failed++;
      this.failedElapsed += elapsedMs;
    }
    if (elapsedMs > this.maxElapsed) this.maxElapsed = elapsedMs;
    const waiters = this.waiters;
    if (waiters.length > 0) {
      this.waiters = [];
      for (const w of waiters) w();
    }
  }
}

const statuses = new WeakMap<Invoker, Map<string, RpcStatus>>();
const ALL = "\0all";

/**
 * The status of `invoker` for `method`, or of the invoker as a whole without a method. Kept in a
 * WeakMap, so it goes away with the invoker.
 */
export function getStatus(invoker: Invoker, method?: string): RpcStatus {
  let byMethod = statuses.get(invoker);
  if (!byMethod) {
    byMethod = new Map();
    statuses.set(invoker, byMethod);
  }
  const key = method ?? ALL;
  let status = byMethod.get(key);
  if (!status) {
    status = new RpcStatus();
    byMethod.set(key, status);
  }
  return status;
}

/** Counts a call start on the invoker and on its method. */
export function beginCount(invoker: Invoker, method: string): void {
  getStatus(invoker).begin();
  getStatus(invoker, method).begin();
}

/** Counts a call end on the invoker and on its method. */
export function endCount(
  invoker: Invoker,
  method: string,
  elapsedMs: number,
  succeeded: boolean,
): void {
  getStatus(invoker).end(elapsedMs, succeeded);
  getStatus(invoker, method).end(elapsedMs, succeeded);
}
