/**
 * Counts the calls running through one place (a server, a service, a provider's invoker) so that
 * graceful shutdown can wait for them: the one way of "waiting until idle" in dubbo-ts.
 * `begin()`/`end()` must pair (call `end()` in a `finally`).
 */
export interface InFlight {
  /** Calls begun and not yet ended. */
  readonly count: number;
  begin(): void;
  end(): void;
  /** Resolves true once `count` is 0 (at once if it is), or false after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    begin() {
      count++;
    },
    end() {
      if (--count === 0 && waiters.length > 0) {
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
      }
    },
    whenIdle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        let wake: () => void = () => {};
        const timer = setTimeout(
          () => {
            waiters = waiters.filter((w) => w !== wake);
            resolve(false);
          },
          Math.max(0, timeoutMs),
        );
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.push(wake);
      });
    },
  };
}
