import { describe, expect, it } from 'vitest';
import { SteppableClock } from './clock.js';
import { WorkQueue } from './work-queue.js';

const start = new Date('2026-12-01T00:00:00Z');

describe('WorkQueue', () => {
  it('queues a key once however often it is added', async () => {
    const queue = new WorkQueue();
    queue.add('ns/a');
    queue.add('ns/a');
    queue.add('ns/b');
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe('ns/a');
    expect(await queue.get()).toBe('ns/b');
  });

  it('never hands a key to two workers: a key added while processing comes back after done', async () => {
    const queue = new WorkQueue();
    queue.add('ns/a');
    const key = await queue.get();
    queue.add('ns/a');
    expect(queue.length).toBe(0);
    queue.done(key!);
    expect(queue.length).toBe(1);
    expect(await queue.get()).toBe('ns/a');
  });

  it('wakes a waiting worker when a key arrives', async () => {
    const queue = new WorkQueue();
    const next = queue.get();
    queue.add('ns/a');
    expect(await next).toBe('ns/a');
  });

  it('backs off exponentially per key, capped, and starts over after forget', () => {
    const queue = new WorkQueue({ clock: new SteppableClock(start), baseBackoffMs: 100, maxBackoffMs: 1000 });
    expect([1, 2, 3, 4, 5, 6].map(() => queue.addRateLimited('ns/a'))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(queue.addRateLimited('ns/b')).toBe(100);
    queue.forget('ns/a');
    expect(queue.addRateLimited('ns/a')).toBe(100);
    queue.shutDown();
  });

  it('adds a delayed key when its time comes on the clock, keeping the earliest of several delays', async () => {
    const clock = new SteppableClock(start);
    const queue = new WorkQueue({ clock });
    queue.addAfter('ns/a', 3_600_000);
    queue.addAfter('ns/a', 60_000);
    clock.advance(59_000);
    expect(queue.length).toBe(0);
    clock.advance(1_000);
    expect(queue.length).toBe(1);
    expect(await queue.get()).toBe('ns/a');
    queue.done('ns/a');
    clock.advance(3_600_000);
    expect(queue.length).toBe(0);
  });

  it('answers waiting workers with undefined on shutdown', async () => {
    const queue = new WorkQueue();
    const next = queue.get();
    queue.shutDown();
    expect(await next).toBeUndefined();
    queue.add('ns/a');
    expect(queue.length).toBe(0);
  });
});
