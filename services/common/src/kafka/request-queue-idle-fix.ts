/**
 * kafkajs 2.2.4 keeps every broker connection's request queue on a 1 ms timer while nothing is pending:
 * `scheduleCheckPendingRequests` computes `throttledUntil - now`, negative when not throttled, and sets a
 * timeout with it even when no request waits, so each check schedules the next at once. Every service
 * spends tens of ms of CPU per second idle on it (docs/adr/0052-kafkajs-idle-timer-loop.md; upstream
 * issues tulios/kafkajs#1556 and #1704, unfixed in a release).
 *
 * This replaces that one method: a check is scheduled only while requests wait (10 ms, or when the
 * broker's throttle ends) or while the queue is throttled. Pending requests are still checked when one is
 * pushed and when an in-flight one completes, as before.
 */
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

/** The interval kafkajs waits before checking pending requests again when it may send. */
const checkPendingRequestsIntervalMs = 10;

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
}

/** When the queue should check its pending requests next, in ms from now; undefined when it need not. */
export function nextPendingCheckInMs(pendingCount: number, throttledForMs: number): number | undefined {
  if (throttledForMs > 0) return throttledForMs;
  return pendingCount > 0 ? checkPendingRequestsIntervalMs : undefined;
}

function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId) return;
  const delayMs = nextPendingCheckInMs(this.pending.length, this.throttledUntil - Date.now());
  if (delayMs === undefined) return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delayMs);
}

RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;

export { RequestQueue };
