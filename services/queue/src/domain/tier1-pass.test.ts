import { randomBytes } from 'node:crypto';
import { signVwrToken, VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { describe, expect, it } from 'vitest';
import { tier1PassVerdict, tier1Refusal } from './tier1-pass.js';

const keyring = VwrTokenKeyring.of('k2', {
  k1: randomBytes(32).toString('hex'),
  k2: randomBytes(32).toString('hex'),
});
const entrant = { eventId: 'event-1', userId: 'account-a' };
const pass = (claims: { eventId?: string; userId?: string } = {}, ring = keyring, issuedAt?: Date) =>
  signVwrToken(
    { eventId: claims.eventId ?? 'event-1', subject: 'slot-9', userId: claims.userId ?? 'account-a' },
    ring,
    issuedAt,
  );

describe('the Tier-1 pass of a Tier-2 newcomer', () => {
  it('is valid for its event and its account', async () => {
    expect(await tier1PassVerdict([await pass()], keyring, entrant)).toBe('valid');
  });

  it.each([
    ['no pass at all', async () => [undefined, undefined], 'missing'],
    ['a pass of another event', async () => [await pass({ eventId: 'event-2' })], 'wrong-event'],
    ['a pass issued to another account', async () => [await pass({ userId: 'account-b' })], 'other-account'],
    ['an expired pass', async () => [await pass({}, keyring, new Date(Date.now() - 601_000))], 'expired'],
    [
      'a pass signed with another key',
      async () => [await pass({}, VwrTokenKeyring.of('k2', { k2: randomBytes(32).toString('hex') }))],
      'invalid',
    ],
    ['garbage', async () => ['not.a.token'], 'invalid'],
  ] as const)('refuses %s', async (_case, passes, verdict) => {
    expect(await tier1PassVerdict(await passes(), keyring, entrant)).toBe(verdict);
  });

  it('takes any valid pass among header and cookie (the cookie may hold another sale’s pass)', async () => {
    const otherSale = await pass({ eventId: 'event-2' });
    expect(await tier1PassVerdict([await pass(), otherSale], keyring, entrant)).toBe('valid');
    expect(await tier1PassVerdict([undefined, await pass()], keyring, entrant)).toBe('valid');
    expect(await tier1PassVerdict([otherSale, await pass({ userId: 'account-b' })], keyring, entrant)).toBe(
      'wrong-event',
    );
  });

  it('refuses a pass issued before the account revoked its passes, in the revoking second too', async () => {
    const revokedAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 400);
    const revokedBefore = Math.ceil(revokedAt.getTime() / 1000);
    const revoked = { ...entrant, revokedBefore };
    const before = await pass({}, keyring, new Date(revokedAt.getTime() - 30_000));
    const sameSecondAfter = await pass({}, keyring, new Date(revokedAt.getTime() + 100));
    const nextSecond = await pass({}, keyring, new Date(revokedBefore * 1000));
    expect(await tier1PassVerdict([before], keyring, revoked)).toBe('revoked');
    expect(await tier1PassVerdict([sameSecondAfter], keyring, revoked)).toBe('revoked');
    expect(await tier1PassVerdict([before, nextSecond], keyring, revoked)).toBe('valid');
    expect(await tier1PassVerdict([before], keyring, entrant)).toBe('valid');
  });

  it('tells each refusal apart by its problem type', () => {
    const types = (['missing', 'wrong-event', 'other-account', 'expired', 'invalid', 'revoked'] as const).map(
      (verdict) => tier1Refusal(verdict, 'event-1').toJSON(),
    );
    expect(types.map((problem) => [problem.status, problem.type])).toEqual([
      [403, 'urn:urr:problem:tier1-pass-required'],
      [403, 'urn:urr:problem:tier1-pass-wrong-event'],
      [403, 'urn:urr:problem:tier1-pass-other-account'],
      [403, 'urn:urr:problem:tier1-pass-expired'],
      [403, 'urn:urr:problem:tier1-pass-invalid'],
      [403, 'urn:urr:problem:tier1-pass-revoked'],
    ]);
    expect(types[0]).toMatchObject({ eventId: 'event-1', waitingRoom: '/vwr/event-1' });
  });
});
