import { describe, expect, it } from 'vitest';
import { aimd, judgeHealth, paceAdmitStep } from './admission-pacing.js';

const slo = { reserveP99Ms: 300, confirmP99Ms: 1000, maxErrorRatio: 0.01 };
const fast = { requests: 200, errors: 0, p99Ms: 40 };
const idle = { requests: 0, errors: 0 };

describe('judgeHealth', () => {
  it('is healthy while both latencies and the 5xx share stay within the SLO', () => {
    const judged = judgeHealth({ reserve: fast, confirm: { requests: 50, errors: 0, p99Ms: 900 } }, slo);
    expect(judged.verdict).toBe('Healthy');
    expect(judged.errorRatio).toBe(0);
    expect(judged.summary).toContain('reserve p99 40 ms (SLO 300 ms, 200 requests)');
  });

  it.each([
    ['a slow reserve', { reserve: { ...fast, p99Ms: 301 }, confirm: idle }, 'reserve p99 301 ms'],
    [
      'a slow confirm',
      { reserve: fast, confirm: { requests: 5, errors: 0, p99Ms: 1500 } },
      'confirm p99 1500 ms',
    ],
    ['too many 5xx', { reserve: { requests: 100, errors: 2, p99Ms: 20 }, confirm: idle }, '5xx 2.0% of 100'],
  ])('is breached by %s, and says so with the figures', (_case, reading, figure) => {
    const judged = judgeHealth(reading, slo);
    expect(judged.verdict).toBe('Breached');
    expect(judged.summary).toContain(figure);
  });

  it('counts 5xx over reserve and confirm together, exactly at the limit still healthy', () => {
    const judged = judgeHealth(
      { reserve: { requests: 60, errors: 1, p99Ms: 20 }, confirm: { requests: 40, errors: 0, p99Ms: 20 } },
      slo,
    );
    expect(judged.errorRatio).toBe(0.01);
    expect(judged.verdict).toBe('Healthy');
  });

  it('finds nothing wrong in a window without booking requests', () => {
    const judged = judgeHealth({ reserve: idle, confirm: idle }, slo);
    expect(judged).toMatchObject({
      verdict: 'Healthy',
      summary: expect.stringContaining('reserve: no requests'),
    });
    expect(judged.errorRatio).toBeUndefined();
  });
});

describe('paceAdmitStep (AIMD)', () => {
  const bounds = { min: 100, max: 1000 };

  it('halves the step on a breach, never below min', () => {
    expect(aimd.decreaseFactor).toBe(0.5);
    expect(paceAdmitStep({ ...bounds, current: 1000, verdict: 'Breached' })).toBe(500);
    expect(paceAdmitStep({ ...bounds, current: 150, verdict: 'Breached' })).toBe(100);
  });

  it('adds a tenth of max per healthy cycle, never above max', () => {
    expect(paceAdmitStep({ ...bounds, current: 250, verdict: 'Healthy' })).toBe(350);
    expect(paceAdmitStep({ ...bounds, current: 950, verdict: 'Healthy' })).toBe(1000);
  });

  it('keeps the step when the health is unknown, brought inside edited bounds', () => {
    expect(paceAdmitStep({ ...bounds, current: 420 })).toBe(420);
    expect(paceAdmitStep({ ...bounds, current: 5000 })).toBe(1000);
  });

  it('climbs back to where it was after two halvings in a bounded number of healthy cycles', () => {
    let step = 1000;
    step = paceAdmitStep({ ...bounds, current: step, verdict: 'Breached' });
    step = paceAdmitStep({ ...bounds, current: step, verdict: 'Breached' });
    expect(step).toBe(250);
    let cycles = 0;
    while (step < 1000) {
      step = paceAdmitStep({ ...bounds, current: step, verdict: 'Healthy' });
      cycles++;
    }
    expect(cycles).toBe(8);
  });
});
