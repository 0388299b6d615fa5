import type { AuthUser } from '@urr/common';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { cachedTokenVerifier } from './verified-token-cache.js';

const secret = new TextEncoder().encode('a test key of thirty-two bytes!!');
const user: AuthUser = { id: crypto.randomUUID(), email: 'fan@example.com', role: 'user' };

async function tokenExpiringAt(expSeconds: number, subject = user.id) {
  return new SignJWT({ email: user.email, role: user.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setExpirationTime(expSeconds)
    .sign(secret);
}

/** A stand-in for the real verifier: accepts only the tokens it was told are genuine and unexpired. */
function fakeVerifier(clock: { now: number }) {
  const genuine = new Map<string, number>();
  const calls: string[] = [];
  return {
    calls,
    accept: (token: string, expSeconds: number) => genuine.set(token, expSeconds),
    verify: async (token: string) => {
      calls.push(token);
      const exp = genuine.get(token);
      if (exp === undefined) throw new Error('invalid');
      if (clock.now >= exp * 1000) throw new Error('expired');
      return user;
    },
  };
}

function setUp(options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const clock = { now: 1_000_000_000_000 };
  const inner = fakeVerifier(clock);
  const verify = cachedTokenVerifier({
    verify: inner.verify,
    maxEntries: options.maxEntries ?? 100,
    maxAgeMs: options.maxAgeMs ?? 60_000,
    now: () => clock.now,
  });
  return { clock, inner, verify };
}

describe('cachedTokenVerifier', () => {
  it('verifies a token once and answers its repeats from memory', async () => {
    const { clock, inner, verify } = setUp();
    const exp = clock.now / 1000 + 900;
    const token = await tokenExpiringAt(exp);
    inner.accept(token, exp);
    for (let i = 0; i < 5; i++) expect(await verify(token)).toEqual(user);
    expect(inner.calls).toEqual([token]);
  });

  it('refuses a cached token from its own exp on, even within maxAge', async () => {
    const { clock, inner, verify } = setUp({ maxAgeMs: 3_600_000 });
    const exp = clock.now / 1000 + 30;
    const token = await tokenExpiringAt(exp);
    inner.accept(token, exp);
    await verify(token);
    clock.now = exp * 1000 - 1;
    expect(await verify(token)).toEqual(user);
    clock.now = exp * 1000;
    await expect(verify(token)).rejects.toThrow('expired');
    expect(inner.calls).toEqual([token, token]);
  });

  it('verifies again after maxAge, so a withdrawn key stops a token early', async () => {
    const { clock, inner, verify } = setUp({ maxAgeMs: 60_000 });
    const exp = clock.now / 1000 + 900;
    const token = await tokenExpiringAt(exp);
    inner.accept(token, exp);
    await verify(token);
    clock.now += 60_000;
    await verify(token);
    expect(inner.calls).toEqual([token, token]);
  });

  it('never takes a token for a cached one it resembles: one character off is verified, and refused', async () => {
    const { clock, inner, verify } = setUp();
    const exp = clock.now / 1000 + 900;
    const token = await tokenExpiringAt(exp);
    inner.accept(token, exp);
    await verify(token);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const forgeries = [`${token.slice(0, -1)}${last}`, `${token}A`, token.slice(0, -1), ` ${token}`];
    for (const forged of forgeries) await expect(verify(forged)).rejects.toThrow('invalid');
    const otherUser = await tokenExpiringAt(exp, crypto.randomUUID());
    await expect(verify(otherUser)).rejects.toThrow('invalid');
    expect(inner.calls).toEqual([token, ...forgeries, otherUser]);
  });

  it('does not remember refusals: a refused token is checked every time', async () => {
    const { clock, inner, verify } = setUp();
    const token = await tokenExpiringAt(clock.now / 1000 + 900);
    await expect(verify(token)).rejects.toThrow('invalid');
    await expect(verify(token)).rejects.toThrow('invalid');
    expect(inner.calls).toEqual([token, token]);
  });

  it('holds at most maxEntries tokens, dropping the oldest', async () => {
    const { clock, inner, verify } = setUp({ maxEntries: 3 });
    const exp = clock.now / 1000 + 900;
    const tokens = await Promise.all([1, 2, 3, 4].map((offset) => tokenExpiringAt(exp + offset)));
    for (const token of tokens) {
      inner.accept(token, exp + 10);
      await verify(token);
    }
    inner.calls.length = 0;
    await verify(tokens[3]!);
    await verify(tokens[1]!);
    await verify(tokens[0]!);
    expect(inner.calls).toEqual([tokens[0]]);
  });
});
