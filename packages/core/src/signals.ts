import type { Logger } from "./logger.js";

/** What the signal handler closes: an application, and what to do once it is closed. */
export interface SignalTarget {
  close(): Promise<void>;
  readonly logger: () => Logger;
  /** Called after the close on a signal; default: exit (see `closeOnSignal`). */
  readonly then?: (() => void) | undefined;
}

/** The signals an application closes on by default (Java's DubboShutdownHook runs on both). */
export const DEFAULT_SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"];

/** Targets per signal; one process listener per signal, whatever the number of applications. */
const targets = new Map<NodeJS.Signals, Set<SignalTarget>>();
const listeners = new Map<NodeJS.Signals, () => void>();
/** Set once a signal started the shutdown: later signals never interrupt it. */
let shuttingDown: Promise<void> | undefined;
/** The applications that shutdown closes (to log later signals to). */
let closing: SignalTarget[] = [];

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    for (const t of closing) {
      t.logger().warn(
        { signal },
        `${signal} received again: the graceful shutdown continues (it ends within shutdown.timeout); send SIGKILL to stop at once`,
      );
    }
    return;
  }
  closing = [...(targets.get(signal) ?? [])];
  // Another listener for this signal (the user's own) owns the process exit: only close here.
  const exit = process.listenerCount(signal) === 1;
  for (const t of closing) t.logger().warn({ signal }, `${signal} received: closing gracefully`);
  shuttingDown = Promise.allSettled(closing.map((t) => t.close())).then((results) => {
    const failed = results.some((r) => r.status === "rejected");
    const then = closing.flatMap((t) => (t.then ? [t.then] : []));
    if (exit && then.length === 0) process.exit(failed ? 1 : 0);
    // The process goes on (a `then`, or the program's own listener decides): back to normal.
    shuttingDown = undefined;
    closing = [];
    for (const s of [...listeners.keys()]) releaseIfUnused(s);
    for (const t of then) t();
  });
}

/** Removes the process listener of a signal no application waits for. */
function releaseIfUnused(signal: NodeJS.Signals): void {
  if ((targets.get(signal)?.size ?? 0) > 0 || shuttingDown) return;
  targets.delete(signal);
  const listener = listeners.get(signal);
  if (listener) process.off(signal, listener);
  listeners.delete(signal);
}

/**
 * Closes `target` gracefully on each of `signals` (Java registers a shutdown hook by default,
 * DubboShutdownHook; Node's default for SIGTERM/SIGINT is to die at once, leaving our provider
 * nodes in ZooKeeper until the session expires). Contract:
 * - one listener per signal for the whole process; every registered application closes;
 * - signals received during that shutdown are logged and ignored: they never interrupt it;
 * - afterwards the target's `then` runs; without one, the process exits (0, or 1 when a close
 *   failed) — unless another listener for that signal exists: then that code owns the exit;
 * - returns the function that unregisters (an application calls it when it closes).
 */
export function closeOnSignal(target: SignalTarget, signals = DEFAULT_SIGNALS): () => void {
  for (const signal of signals) {
    let set = targets.get(signal);
    if (!set) {
      set = new Set();
      targets.set(signal, set);
    }
    set.add(target);
    if (!listeners.has(signal)) {
      const listener = () => onSignal(signal);
      listeners.set(signal, listener);
      process.on(signal, listener);
    }
  }
  return () => {
    for (const signal of signals) {
      targets.get(signal)?.delete(target);
      // The last application gone: Node's default behaviour is back (unless shutting down now).
      releaseIfUnused(signal);
    }
  };
}
