import { outbox } from '@urr/common';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createSeatedSale,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';

let env: TicketTestEnv;
const admin = newUser('admin');
const hour = 3_600_000;

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('presale by membership tier', () => {
  it('lets the right tier buy in its presale window; others get 403 saying when, until the sale opens', async () => {
    const presaleOpensAt = new Date(Math.floor(Date.now() / 1000) * 1000 - hour / 2);
    const salesOpenAt = new Date(presaleOpensAt.getTime() + 48 * hour);
    const { event, artist, seatIds } = await createSeatedSale(
      env,
      admin,
      { rows: 1, seatsPerRow: 4 },
      {
        status: 'scheduled',
        presaleOpensAt,
        salesOpenAt,
        salesCloseAt: new Date(salesOpenAt.getTime() + 24 * hour),
      },
    );
    const [diamond, gold, nonMember] = [newUser(), newUser(), newUser()];
    for (const [user, tier] of [
      [diamond, 'diamond'],
      [gold, 'gold'],
    ] as const) {
      const set = expectStatus(
        await call(env, 'PUT', '/api/v1/admin/memberships', {
          user: admin,
          body: { userId: user.id, artistId: artist.id, tier },
        }),
        200,
      );
      expect(set).toMatchObject({ outcome: 'joined', membership: { tier } });
    }
    const reserve = (user: typeof diamond, seat: number) =>
      call(env, 'POST', '/api/v1/seats/reserve', {
        user,
        entryEventId: event.id,
        body: { eventId: event.id, seatIds: [seatIds[seat]] },
      });

    expect(expectStatus(await reserve(diamond, 0), 201).status).toBe('PENDING_PAYMENT');
    const goldOpensAt = new Date(presaleOpensAt.getTime() + hour);
    expect(await reserve(gold, 1)).toMatchObject({
      status: 403,
      body: {
        type: 'urn:urr:problem:ticket:sale-not-open',
        opensAt: goldOpensAt.toISOString(),
        membershipTier: 'gold',
        detail: `gold members may buy from ${goldOpensAt.toISOString()}`,
      },
    });
    expect(await reserve(nonMember, 1)).toMatchObject({
      status: 403,
      body: {
        opensAt: salesOpenAt.toISOString(),
        membershipTier: null,
        detail: `buyers without a membership may buy from ${salesOpenAt.toISOString()}`,
      },
    });
    const schedule = expectStatus(
      await call(env, 'GET', `/api/v1/memberships/events/${event.id}/schedule`, { user: gold }),
      200,
    );
    expect(schedule).toMatchObject({ myTier: 'gold', myOpensAt: goldOpensAt.toISOString() });

    env.setNow(new Date(goldOpensAt.getTime() + 60_000));
    expect(expectStatus(await reserve(gold, 1), 201).status).toBe('PENDING_PAYMENT');
    expect(await reserve(nonMember, 2)).toMatchObject({ status: 403 });

    env.setNow(salesOpenAt);
    expect(expectStatus(await reserve(nonMember, 2), 201).status).toBe('PENDING_PAYMENT');
    env.setNow(undefined);

    const joined = await env.db.primary.select().from(outbox).where(eq(outbox.key, gold.id));
    expect(joined.map((row) => [row.topic, row.envelope.type, row.envelope.payload.tier])).toEqual([
      ['membership-events', 'membership.joined', 'gold'],
    ]);
  });

  it('lets a fan join at the entry tier and an admin move them up, with a tier-changed event', async () => {
    const { artist } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 1 });
    const fan = newUser();
    const joined = await call(env, 'POST', '/api/v1/memberships', {
      user: fan,
      body: { artistId: artist.id },
    });
    expect(joined).toMatchObject({ status: 201, body: { tier: 'bronze' } });
    expect(
      await call(env, 'POST', '/api/v1/memberships', { user: fan, body: { artistId: artist.id } }),
    ).toMatchObject({
      status: 200,
      body: { tier: 'bronze' },
    });
    expect(
      expectStatus(
        await call(env, 'PUT', '/api/v1/admin/memberships', {
          user: admin,
          body: { userId: fan.id, artistId: artist.id, tier: 'silver' },
        }),
        200,
      ),
    ).toMatchObject({ outcome: 'tier-changed', membership: { tier: 'silver' } });
    expect(
      await call(env, 'PUT', '/api/v1/admin/memberships', {
        user: fan,
        body: { userId: fan.id, artistId: artist.id, tier: 'diamond' },
      }),
    ).toMatchObject({ status: 403 });
    const mine = expectStatus(await call(env, 'GET', '/api/v1/memberships', { user: fan }), 200);
    expect(mine.items).toMatchObject([{ artistId: artist.id, tier: 'silver' }]);
    const events = await env.db.primary.select().from(outbox).where(eq(outbox.key, fan.id));
    expect(events.map((row) => row.envelope.payload)).toMatchObject([
      { tier: 'bronze' },
      { fromTier: 'bronze', tier: 'silver' },
    ]);
  });
});
