import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { EntryTokenError, signEntryToken, verifyEntryToken } from './entry-token.js';

const secret = randomBytes(32).toString('hex');

describe('urr-entry-token', () => {
  it('round-trips the user, event and slot it was issued for', async () => {
    const token = await signEntryToken({ userId: 'user-1', eventId: 'event-1', slot: '7' }, secret);
    await expect(verifyEntryToken(token, secret, { eventId: 'event-1' })).resolves.toEqual({
      userId: 'user-1',
      eventId: 'event-1',
      slot: '7',
    });
  });

  it('refuses a pass that names no slot (one not tied to a place in the queue)', async () => {
    const unbound = await new SignJWT({ eventId: 'event-1' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('user-1')
      .setIssuer('urr-queue')
      .setAudience('event-1')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    await expect(verifyEntryToken(unbound, secret)).rejects.toEqual(new EntryTokenError('invalid'));
  });

  it.each([
    ['another event', { eventId: 'event-2' }, 'wrong-event'],
    ['after 600 s', { eventId: 'event-1', now: new Date(Date.now() + 601_000) }, 'expired'],
  ] as const)('refuses a token used for %s', async (_case, options, reason) => {
    const token = await signEntryToken({ userId: 'user-1', eventId: 'event-1', slot: '1' }, secret);
    await expect(verifyEntryToken(token, secret, options)).rejects.toEqual(new EntryTokenError(reason));
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signEntryToken(
      { userId: 'user-1', eventId: 'event-1', slot: '1' },
      randomBytes(32).toString('hex'),
    );
    await expect(verifyEntryToken(token, secret)).rejects.toEqual(new EntryTokenError('invalid'));
  });
});
