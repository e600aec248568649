/** What a Heartbeat does to its connection. */
export interface HeartbeatActions {
  /** Send a heartbeat request (no reads for `interval` ms). */
  readonly send: () => void;
  /** Give the connection up (no reads for 3 × `interval` ms). */
  readonly dead: (idleMs: number) => void;
}

/**
 * The client side of Dubbo's keep-alive (Java's IdleStateHandler(readerIdle = heartbeat) +
 * ReconnectTimerTask): after `interval` ms without reads a heartbeat request goes out (at most
 * one per interval), and after 3 × `interval` ms without reads the connection is given up. One
 * unref'd timer per connection, re-armed for the moment the next check is due.
 */
export class Heartbeat {
  private lastRead = 0;
  private lastSent = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly interval: number,
    private readonly actions: HeartbeatActions,
  ) {}

  /** Starts watching (the connection just opened: counts as a read). */
  start(): void {
    this.lastRead = Date.now();
    this.schedule(this.interval);
  }

  /** Something was read. */
  read(): void {
    this.lastRead = Date.now();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), Math.max(delay, 1));
    this.timer.unref();
  }

  private check(): void {
    const interval = this.interval;
    const now = Date.now();
    const idle = now - this.lastRead;
    if (idle >= interval * 3) {
      this.timer = undefined;
      this.actions.dead(idle);
      return;
    }
    if (idle >= interval && now - this.lastSent >= interval) {
      this.lastSent = now;
      this.actions.send();
    }
    const untilDue = interval - (now - this.lastRead);
    this.schedule(untilDue > 0 ? untilDue : interval);
  }
}
