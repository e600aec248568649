/**
 * A single-consumer async queue: the producer (an HTTP/2 stream's events) `push`es, `end`s or
 * `fail`s; the consumer iterates with `for await`. `highWaterMark` gives back-pressure: `push`
 * returns false when the consumer is that many items behind, and `onDrain` runs when it has
 * caught up (the stream is paused meanwhile, so HTTP/2 flow control slows the peer). A consumer
 * that stops early (`break`, `return()`) calls `onReturn` (the caller cancels the stream).
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiter: ((r: IteratorResult<T>) => void) | undefined;
  private rejecter: ((e: unknown) => void) | undefined;
  private done = false;
  private error: unknown;
  private failed = false;
  private iterated = false;

  constructor(
    private readonly options: {
      readonly highWaterMark?: number;
      readonly onDrain?: () => void;
      readonly onReturn?: () => void;
    } = {},
  ) {}

  push(item: T): boolean {
    if (this.done) return true;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      this.rejecter = undefined;
      w({ value: item, done: false });
      return true;
    }
    this.items.push(item);
    return this.items.length < (this.options.highWaterMark ?? 16);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    const w = this.waiter;
    if (w && this.items.length === 0) {
      this.waiter = undefined;
      this.rejecter = undefined;
      w({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.failed = true;
    this.error = error;
    const r = this.rejecter;
    if (r && this.items.length === 0) {
      this.waiter = undefined;
      this.rejecter = undefined;
      r(error);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterated) throw new TypeError("a stream of messages can be iterated only once");
    this.iterated = true;
    return {
      next: () => {
        if (this.items.length > 0) {
          const value = this.items.shift()!;
          if (this.items.length === 0 && !this.done) this.options.onDrain?.();
          return Promise.resolve({ value, done: false });
        }
        if (this.done) {
          return this.failed
            ? Promise.reject(this.error)
            : Promise.resolve({ value: undefined, done: true });
        }
        this.options.onDrain?.();
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.waiter = resolve;
          this.rejecter = reject;
        });
      },
      return: () => {
        if (!this.done) {
          this.done = true;
          this.items.length = 0;
          this.options.onReturn?.();
        }
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
