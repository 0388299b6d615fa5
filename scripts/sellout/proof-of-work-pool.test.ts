import { createHash } from 'node:crypto';
import { leadingZeroBits } from '@urr/vwr-shared/proof-of-work';
import { afterAll, describe, expect, it } from 'vitest';
import { proofOfWorkPool } from './proof-of-work-pool.js';

const pool = proofOfWorkPool(2);
const issued = (challenge: string, difficulty: number) => () => Promise.resolve({ challenge, difficulty });
afterAll(() => pool.close());

describe('the proof-of-work pool', () => {
  it('solves challenges in worker threads, each answer for its own challenge', async () => {
    const challenges = ['a', 'b', 'c', 'd'].map((c) => `challenge-${c}`);
    const solved = await Promise.all(challenges.map((c) => pool.solve(issued(c, 10))));
    for (const [i, challenge] of challenges.entries()) {
      expect(solved[i]!.challenge).toBe(challenge);
      const digest = createHash('sha256').update(`${challenge}:${solved[i]!.solution}`).digest();
      expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(10);
    }
  });

  it('answers a job whose time ran out while it waited at once, unsolved', async () => {
    const late = pool.solve(issued('challenge-late', 40), () => Date.now() - 1);
    await expect(late).rejects.toThrow('too late');
    const { solution } = await pool.solve(issued('challenge-in-time', 8), () => Date.now() + 60_000);
    const digest = createHash('sha256').update(`challenge-in-time:${solution}`).digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(8);
  });

  it('reads the deadline when the turn comes: one moved earlier while the job waited counts', async () => {
    const single = proofOfWorkPool(1);
    try {
      let deadline = Date.now() + 60_000;
      // The first job keeps the one worker busy while the second waits behind it.
      const busy = single.solve(issued('challenge-busy', 18));
      const queued = single.solve(issued('challenge-queued', 40), () => deadline);
      deadline = Date.now() - 1;
      await busy;
      await expect(queued).rejects.toThrow('too late');
    } finally {
      await single.close();
    }
  });

  it('asks for the challenge only when its turn comes, so a long line does not leave it stale', async () => {
    const single = proofOfWorkPool(1);
    try {
      const asked: string[] = [];
      const issue = (name: string, difficulty: number) => async () => {
        asked.push(name);
        return { challenge: name, difficulty };
      };
      const first = single.solve(issue('first', 16));
      const second = single.solve(issue('second', 4));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(asked).toEqual(['first']);
      await first;
      expect((await second).challenge).toBe('second');
      expect(asked).toEqual(['first', 'second']);
    } finally {
      await single.close();
    }
  });

  it('hands the worker on when a challenge cannot be had', async () => {
    const single = proofOfWorkPool(1);
    try {
      const refused = single.solve(() => Promise.reject(new Error('door closed')));
      const next = single.solve(issued('challenge-after', 4));
      await expect(refused).rejects.toThrow('door closed');
      expect((await next).challenge).toBe('challenge-after');
    } finally {
      await single.close();
    }
  });

  it('gives up on a challenge that does not come in time and goes on with the next fan', async () => {
    const single = proofOfWorkPool(1, { issueTimeoutMs: 200 });
    try {
      const hung = single.solve(() => new Promise(() => {}));
      const next = single.solve(issued('challenge-after-hang', 4));
      await expect(hung).rejects.toThrow('no challenge within 200 ms');
      expect((await next).challenge).toBe('challenge-after-hang');
    } finally {
      await single.close();
    }
  });
});
