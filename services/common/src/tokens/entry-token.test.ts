import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EntryTokenError, signEntryToken, verifyEntryToken } from './entry-token.js';

const secret = randomBytes(32).toString('hex');

describe('urr-entry-token', () => {
  it('round-trips the user and event it was issued for', async () => {
    const token = await signEntryToken({ userId: 'user-1', eventId: 'event-1' }, secret);
    await expect(verifyEntryToken(token, secret, { eventId: 'event-1' })).resolves.toEqual({
      userId: 'user-1',
      eventId: 'event-1',
    });
  });

  it.each([
    ['another event', { eventId: 'event-2' }, 'wrong-event'],
    ['after 600 s', { eventId: 'event-1', now: new Date(Date.now() + 601_000) }, 'expired'],
  ] as const)('refuses a token used for %s', async (_case, options, reason) => {
    const token = await signEntryToken({ userId: 'user-1', eventId: 'event-1' }, secret);
    await expect(verifyEntryToken(token, secret, options)).rejects.toEqual(new EntryTokenError(reason));
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signEntryToken(
      { userId: 'user-1', eventId: 'event-1' },
      randomBytes(32).toString('hex'),
    );
    await expect(verifyEntryToken(token, secret)).rejects.toEqual(new EntryTokenError('invalid'));
  });
});
