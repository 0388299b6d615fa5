import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadingZeroBits, solveChallenge } from './proof-of-work';

describe('the waiting room challenge, solved in the browser', () => {
  it('finds a counter the server accepts: the hash starts with the asked zero bits', async () => {
    const challenge = 'pow1.event-1.account-a.10.1900000000.nonce.mac';
    const solution = await solveChallenge(challenge, 10);
    const digest = createHash('sha256').update(`${challenge}:${solution}`).digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(10);
  });
});
