import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, ProofOfWork, type ProofOfWorkError, solveChallenge } from './proof-of-work.js';

const pow = ProofOfWork.fromSecret(randomBytes(32));
const now = Date.now();
const challenge = {
  eventId: 'event-1',
  account: 'account-a',
  difficulty: 8,
  expiresAt: Math.floor(now / 1000) + 300,
};
const expected = { eventId: 'event-1', account: 'account-a', minDifficulty: 8, now };
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as ProofOfWorkError).reason;
  }
  return 'accepted';
};

describe('proof of work at the Tier-1 door', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Uint8Array.from([0, 0, 0x0f]))).toBe(20);
    expect(leadingZeroBits(Uint8Array.from([0x80]))).toBe(0);
  });

  it('accepts a solved challenge for its event and account', () => {
    const text = pow.issue(challenge);
    expect(pow.verify(text, solveChallenge(text, 8), expected)).toMatchObject({ difficulty: 8 });
  });

  it('refuses unsolved, forged, expired, too easy, and another event’s or account’s challenge', () => {
    const text = pow.issue(challenge);
    const solution = solveChallenge(text, 8);
    expect(refusal(() => pow.verify(text, 'abc', expected))).toBe('malformed');
    const forged = pow.issue({ ...challenge, difficulty: 1 }).replace('.1.', '.8.');
    expect(refusal(() => pow.verify(forged, solveChallenge(forged, 8), expected))).toBe('forged');
    const other = ProofOfWork.fromSecret(randomBytes(32)).issue(challenge);
    expect(refusal(() => pow.verify(other, solveChallenge(other, 8), expected))).toBe('forged');
    expect(refusal(() => pow.verify(text, solution, { ...expected, eventId: 'event-2' }))).toBe(
      'other-event',
    );
    expect(refusal(() => pow.verify(text, solution, { ...expected, account: 'account-b' }))).toBe(
      'other-account',
    );
    expect(refusal(() => pow.verify(text, solution, { ...expected, now: now + 301_000 }))).toBe('expired');
    expect(refusal(() => pow.verify(text, solution, { ...expected, minDifficulty: 12 }))).toBe('too-easy');
  });

  it('refuses an answer that does not solve it', () => {
    const text = pow.issue({ ...challenge, difficulty: 20 });
    // A random answer meets 20 zero bits one time in a million.
    expect(refusal(() => pow.verify(text, '7', { ...expected, minDifficulty: 20 }))).toBe('unsolved');
  });
});
