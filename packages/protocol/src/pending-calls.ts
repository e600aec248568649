import { Code, RpcError } from "@dubbo-ts/core/spi";
import type { Frame } from "./frame-decoder.js";
import { type Expirable, TimeoutWheel } from "./timeout-wheel.js";

/** Every connection's call timeouts, in one wheel (one interval for the process). */
const timeouts = new TimeoutWheel();

const ignore = () => undefined;

let capturedResolve: (frame: Frame) => void = ignore;
let capturedReject: (error: RpcError) => void = ignore;
function captureSettlers(resolve: (frame: Frame) => void, reject: (error: RpcError) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/** A two-way call waiting for its response (Java's DefaultFuture). */
class PendingCall implements Expirable {
  resolve: (frame: Frame) => void = ignore;
  reject: (error: RpcError) => void = ignore;
  wheelSlot: Set<Expirable> | undefined = undefined;
  readonly deadline: number;

  constructor(
    readonly calls: PendingCalls,
    readonly id: bigint,
    readonly timeoutMs: number,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  expire(): void {
    this.calls.timedOut(this);
  }
}

/**
 * The two-way calls of one connection waiting for their responses, by request id (Java's
 * DefaultFuture.FUTURES, per channel). Each call has its own timeout (`Code.Timeout`), kept in a
 * process-wide wheel of 10 ms ticks (`TimeoutWheel`): a call fails 0–10 ms after its deadline,
 * never before. A call settles exactly once: by its response, its timeout or `failAll`.
 */
export class PendingCalls {
  private readonly calls = new Map<bigint, PendingCall>();

  /** `address` names the provider in timeout messages. */
  constructor(private readonly address: string) {}

  get size(): number {
    return this.calls.size;
  }

  /** Registers call `id`; the promise settles with its response frame, a timeout or `failAll`. */
  add(id: bigint, timeoutMs: number): Promise<Frame> {
    const call = new PendingCall(this, id, timeoutMs);
    // One shared executor instead of a closure per call: the Promise constructor runs it at once.
    const response = new Promise<Frame>(captureSettlers);
    call.resolve = capturedResolve;
    call.reject = capturedReject;
    capturedResolve = ignore;
    capturedReject = ignore;
    this.calls.set(id, call);
    timeouts.add(call);
    return response;
  }

  /** Settles the call the response `frame` answers; false when no call waits for its id. */
  settle(frame: Frame): boolean {
    const id = frame.header.id;
    const call = this.calls.get(id);
    if (call === undefined) return false;
    this.calls.delete(id);
    timeouts.remove(call);
    call.resolve(frame);
    return true;
  }

  /** Called by the timeout wheel when `call` is past its deadline. */
  timedOut(call: PendingCall): void {
    if (this.calls.get(call.id) !== call) return;
    this.calls.delete(call.id);
    call.reject(
      new RpcError(
        Code.Timeout,
        `Waiting server-side response timeout. timeout: ${call.timeoutMs} ms, request id: ${call.id}, provider: ${this.address}`,
      ),
    );
  }

  /** Fails every waiting call with `error` (the connection is gone; calls are never re-sent). */
  failAll(error: RpcError): void {
    const calls = [...this.calls.values()];
    this.calls.clear();
    for (const call of calls) {
      timeouts.remove(call);
      call.reject(error);
    }
  }
}
