/**
 * Time as the operator sees it. Sale phases and requeues at phase boundaries go through a Clock so a
 * test can move the sale through its phases without waiting hours (leader election keeps real time).
 */
export interface Clock {
  now(): Date;
  /** Calls `callback` once `delayMs` have passed on this clock; returns a function that cancels it. */
  setTimer(delayMs: number, callback: () => void): () => void;
}

/** Node timers reject delays above 2^31-1 ms (about 24.8 days); longer waits are chained. */
const maxTimerDelayMs = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(delayMs, callback) {
    let handle: NodeJS.Timeout;
    const due = Date.now() + delayMs;
    const arm = () => {
      const remaining = due - Date.now();
      handle = setTimeout(
        remaining > maxTimerDelayMs ? arm : callback,
        Math.min(Math.max(remaining, 0), maxTimerDelayMs),
      );
      handle.unref();
    };
    arm();
    return () => clearTimeout(handle);
  },
};

/**
 * A clock that runs at real speed from a chosen instant and can jump forward: timers whose moment
 * the jump passes fire at once. For tests of time-driven behaviour.
 */
export class SteppableClock implements Clock {
  private offsetMs: number;
  private readonly timers = new Set<{ dueMs: number; fire: () => void }>();

  constructor(start: Date) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  setTimer(delayMs: number, callback: () => void): () => void {
    const timer = {
      dueMs: this.now().getTime() + delayMs,
      fire: () => {
        if (!this.timers.delete(timer)) return;
        cancelReal();
        callback();
      },
    };
    this.timers.add(timer);
    const cancelReal = systemClock.setTimer(delayMs, timer.fire);
    return () => {
      this.timers.delete(timer);
      cancelReal();
    };
  }

  advance(ms: number): void {
    this.offsetMs += ms;
    const nowMs = this.now().getTime();
    for (const timer of [...this.timers]) if (timer.dueMs <= nowMs) timer.fire();
  }
}
