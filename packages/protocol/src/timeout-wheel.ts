/** Tick of the timeout wheel in ms: a call times out 0–10 ms after its deadline (plus event-loop lag). */
export const TIMEOUT_TICK_MS = 10;

/** Slots per revolution (5.12 s); longer timeouts wait in their slot for later revolutions. */
const SLOTS = 512;

/** Something the wheel expires: `expire()` runs once, at the first tick at or after `deadline`. */
export interface Expirable {
  /** `Date.now()`-based deadline in ms. */
  readonly deadline: number;
  expire(): void;
  /** The wheel's bookkeeping: the slot holding the entry, undefined when not in the wheel. */
  wheelSlot: Set<Expirable> | undefined;
}

/**
 * Call timeouts without one `setTimeout` per call: a hashed wheel of 10 ms slots (Java's
 * DefaultFuture does the same with Netty's HashedWheelTimer, 30 ms ticks). An entry goes in the
 * slot of its deadline rounded up to the next tick, so it never expires early; one unref'd
 * interval runs while the wheel holds entries and stops when it is empty. `remove` (a response
 * arrived) is O(1).
 */
export class TimeoutWheel {
  private readonly slots: Set<Expirable>[] = Array.from({ length: SLOTS }, () => new Set());
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The last tick (ms / TIMEOUT_TICK_MS) whose slot was processed. */
  private lastTick = 0;

  /** Entries waiting. */
  get size(): number {
    return this.count;
  }

  add(entry: Expirable): void {
    if (entry.wheelSlot) return;
    if (!this.timer) {
      this.lastTick = Math.floor(Date.now() / TIMEOUT_TICK_MS);
      this.timer = setInterval(() => this.tick(), TIMEOUT_TICK_MS);
      this.timer.unref();
    }
    // A deadline already passed goes in the next slot to process.
    const tick = Math.max(Math.ceil(entry.deadline / TIMEOUT_TICK_MS), this.lastTick + 1);
    const slot = this.slots[tick % SLOTS]!;
    slot.add(entry);
    entry.wheelSlot = slot;
    this.count++;
  }

  /** Forgets `entry` (no-op if it expired or was removed already). */
  remove(entry: Expirable): void {
    const slot = entry.wheelSlot;
    if (!slot) return;
    slot.delete(entry);
    entry.wheelSlot = undefined;
    if (--this.count === 0) this.stop();
  }

  /** Expires what is due now (the interval calls it; tests may too). */
  tick(now = Date.now()): void {
    const current = Math.floor(now / TIMEOUT_TICK_MS);
    // After a stall longer than a revolution, every slot is visited once.
    const last = Math.min(current, this.lastTick + SLOTS);
    const due: Expirable[] = [];
    for (let t = this.lastTick + 1; t <= last; t++) {
      const slot = this.slots[t % SLOTS]!;
      if (slot.size === 0) continue;
      for (const entry of slot) {
        // Entries of later revolutions stay.
        if (entry.deadline <= now) {
          slot.delete(entry);
          entry.wheelSlot = undefined;
          this.count--;
          due.push(entry);
        }
      }
    }
    this.lastTick = Math.max(this.lastTick, current);
    if (this.count === 0) this.stop();
    for (const entry of due) entry.expire();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
