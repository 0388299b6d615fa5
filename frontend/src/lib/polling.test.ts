import { describe, expect, it } from 'vitest';
import { pollDelayMs, progressOf } from './polling';

describe('waiting-room polling', () => {
  it('follows the poll-after hint within 2–15 s', () => {
    expect(pollDelayMs(5)).toBe(5_000);
    expect(pollDelayMs(0)).toBe(2_000);
    expect(pollDelayMs(60)).toBe(15_000);
    expect(pollDelayMs(undefined)).toBe(3_000);
  });

  it('fills the progress bar as the people ahead are let in', () => {
    expect(progressOf(1_000, 1_000)).toBe(0);
    expect(progressOf(1_000, 250)).toBe(0.75);
    expect(progressOf(0, 0)).toBe(1);
    expect(progressOf(null, 10)).toBe(0);
  });
});
