import { describe, expect, it, vi } from 'vitest';
import { captureLogs } from '../testing/log-capture.js';
import { startInBackground } from './background-start.js';

/** Work whose start settles when the test says so. */
function workStartedByHand() {
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const stop = vi.fn(async () => undefined);
  const start = () =>
    new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
  return { work: { start, stop }, stop, settle: () => settle! };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('startInBackground', () => {
  it('returns at once while the work is still starting, and logs when it has started', async () => {
    const logs = captureLogs('ticket-service');
    const { work, settle } = workStartedByHand();
    const exit = vi.fn();
    startInBackground('payment-events consumer', work, { logger: logs.logger, exit });
    expect(logs.lines()).toEqual([]);
    settle().resolve();
    await tick();
    expect(logs.lines().map((line) => line.msg)).toEqual(['payment-events consumer started']);
    expect(exit).not.toHaveBeenCalled();
  });

  it('ends the process when the start fails, so that it is restarted', async () => {
    const logs = captureLogs('ticket-service');
    const { work, settle } = workStartedByHand();
    const exit = vi.fn();
    startInBackground('payment-events consumer', work, { logger: logs.logger, exit });
    settle().reject(new Error('broker unreachable'));
    await tick();
    expect(exit).toHaveBeenCalledWith(1);
    expect(logs.lines().at(-1)).toMatchObject({ level: 'fatal', work: 'payment-events consumer' });
  });

  it('does not count a start that fails because the service is stopping', async () => {
    const logs = captureLogs('ticket-service');
    const { work, stop, settle } = workStartedByHand();
    const exit = vi.fn();
    const stopWork = startInBackground('payment-events consumer', work, { logger: logs.logger, exit });
    await stopWork();
    settle().reject(new Error('The consumer was disconnected while joining'));
    await tick();
    expect(stop).toHaveBeenCalledOnce();
    expect(exit).not.toHaveBeenCalled();
  });
});
