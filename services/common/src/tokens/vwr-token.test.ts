import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signVwrToken, VwrTokenError, VwrTokenKeyring, verifyVwrToken } from './vwr-token.js';

const secret = () => randomBytes(32).toString('hex');
const admitted = { eventId: 'event-1', subject: 'slot-1', userId: 'account-1' };
/** What verifying a token signed for `admitted` answers: its claims and its issue second. */
const verified = (issuedAt: Date = new Date()) => ({
  ...admitted,
  issuedAt: Math.floor(issuedAt.getTime() / 1000),
});

describe('urr-vwr-token', () => {
  const keyring = VwrTokenKeyring.of('k1', { k1: secret() });

  it('round-trips the event and subject, naming its key in the header', async () => {
    const issuedAt = new Date();
    const token = await signVwrToken(admitted, keyring, issuedAt);
    expect(decodeProtectedHeader(token).kid).toBe('k1');
    await expect(verifyVwrToken(token, keyring, { eventId: 'event-1' })).resolves.toEqual(verified(issuedAt));
  });

  it.each([
    ['another event', { eventId: 'event-2' }, 'wrong-event'],
    ['after 600 s', { eventId: 'event-1', now: new Date(Date.now() + 601_000) }, 'expired'],
  ] as const)('refuses a token used for %s', async (_case, options, reason) => {
    const token = await signVwrToken(admitted, keyring);
    await expect(verifyVwrToken(token, keyring, options)).rejects.toEqual(new VwrTokenError(reason));
  });

  it('lives 600 s from the admission it was issued for', async () => {
    const admittedAt = new Date(Date.now() - 590_000);
    const token = await signVwrToken(admitted, keyring, admittedAt);
    await expect(verifyVwrToken(token, keyring)).resolves.toEqual(verified(admittedAt));
    await expect(
      verifyVwrToken(token, keyring, { now: new Date(admittedAt.getTime() + 601_000) }),
    ).rejects.toEqual(new VwrTokenError('expired'));
  });

  it('keeps verifying tokens of a retired key after rotation, and signs with the new one', async () => {
    const oldSecret = secret();
    const before = VwrTokenKeyring.of('k1', { k1: oldSecret });
    const after = VwrTokenKeyring.withRetired('k2', secret(), `k1=${oldSecret}`);
    const issuedAt = new Date();
    const oldToken = await signVwrToken(admitted, before, issuedAt);
    await expect(verifyVwrToken(oldToken, after)).resolves.toEqual(verified(issuedAt));
    const newToken = await signVwrToken(admitted, after);
    expect(decodeProtectedHeader(newToken).kid).toBe('k2');
    await expect(verifyVwrToken(newToken, before)).rejects.toEqual(new VwrTokenError('unknown-key'));
  });

  it('refuses a token whose kid names a key with another secret, or no kid at all', async () => {
    const forged = await signVwrToken(admitted, VwrTokenKeyring.of('k1', { k1: secret() }));
    await expect(verifyVwrToken(forged, keyring)).rejects.toEqual(new VwrTokenError('invalid'));
    const withoutKid = await new SignJWT({ eventId: 'event-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('slot-1')
      .setIssuer('urr-vwr')
      .setAudience('event-1')
      .setExpirationTime('10m')
      .sign(keyring.keyOf('k1')!);
    await expect(verifyVwrToken(withoutKid, keyring)).rejects.toEqual(new VwrTokenError('unknown-key'));
    await expect(verifyVwrToken('not-a-jwt', keyring)).rejects.toEqual(new VwrTokenError('invalid'));
  });

  it('refuses a pass that names no account, so an old unbound pass admits nobody', async () => {
    const unbound = await new SignJWT({ eventId: 'event-1' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject('slot-1')
      .setIssuer('urr-vwr')
      .setAudience('event-1')
      .setExpirationTime('10m')
      .sign(keyring.keyOf('k1')!);
    await expect(verifyVwrToken(unbound, keyring)).rejects.toEqual(new VwrTokenError('invalid'));
  });

  it('refuses keyrings with short secrets or a current kid that has no key', () => {
    expect(() => VwrTokenKeyring.of('k1', { k1: 'short' })).toThrow(/at least 32/);
    expect(() => VwrTokenKeyring.of('k2', { k1: secret() })).toThrow(/not among the keys/);
  });
});
