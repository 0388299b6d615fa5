import { randomUUID } from 'node:crypto';
import { outbox, withTransaction } from '@urr/common';
import { transferEvents } from '@urr/common/events/domain-events';
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
import { confirmReservation } from './reservation-lifecycle.js';

let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

async function paidReservation() {
  const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 1 });
  const owner = newUser();
  const reservation = expectStatus(
    await call(env, 'POST', '/api/v1/seats/reserve', {
      user: owner,
      entryEventId: event.id,
      body: { eventId: event.id, seatIds },
    }),
    201,
  );
  await withTransaction(env.db.primary, (tx) =>
    confirmReservation(tx, { reservationId: reservation.id, paymentId: randomUUID(), now: new Date() }),
  );
  return { event, owner, reservation };
}

describe('transfers', () => {
  it('hands a paid reservation to whoever claims it with the code, once', async () => {
    const { event, owner, reservation } = await paidReservation();
    const offered = expectStatus(
      await call(env, 'POST', '/api/v1/transfers', { user: owner, body: { reservationId: reservation.id } }),
      201,
    );
    expect(offered).toMatchObject({ status: 'PENDING', fromUserId: owner.id, claimCode: expect.any(String) });
    expect(
      await call(env, 'POST', '/api/v1/transfers', { user: owner, body: { reservationId: reservation.id } }),
    ).toMatchObject({ status: 409, body: { type: 'urn:urr:problem:ticket:transfer-pending' } });

    const friend = newUser();
    const accept = (user = friend, claimCode = offered.claimCode) =>
      call(env, 'POST', `/api/v1/transfers/${offered.id}/accept`, { user, body: { claimCode } });
    expect(await accept(friend, 'WRONGCODE2')).toMatchObject({ status: 403 });
    expect(await accept(owner)).toMatchObject({ status: 422 });
    expect(expectStatus(await accept(), 200)).toMatchObject({ status: 'COMPLETED', toUserId: friend.id });
    expect(await accept(newUser())).toMatchObject({ status: 409 });

    const friendsView = expectStatus(
      await call(env, 'GET', `/api/v1/reservations/${reservation.id}`, { user: friend }),
      200,
    );
    expect(friendsView).toMatchObject({
      status: 'CONFIRMED',
      seats: [{ seatId: reservation.seats[0].seatId }],
    });
    expect(await call(env, 'GET', `/api/v1/reservations/${reservation.id}`, { user: owner })).toMatchObject({
      status: 404,
    });
    const hasTicket = (userId: string) =>
      call(env, 'GET', `/internal/reservations/confirmed?userId=${userId}&eventId=${event.id}`, {
        headers: { 'x-internal-token': env.config.INTERNAL_API_TOKEN },
      });
    expect((await hasTicket(friend.id)).body.confirmed).toBe(true);
    expect((await hasTicket(owner.id)).body.confirmed).toBe(false);

    const [published] = await env.db.primary
      .select()
      .from(outbox)
      .where(eq(outbox.topic, 'transfer-events'))
      .then((rows) => rows.filter((row) => row.key === reservation.id));
    expect(transferEvents['transfer.completed'].parse(published?.envelope.payload)).toEqual({
      transferId: offered.id,
      reservationId: reservation.id,
      eventId: event.id,
      fromUserId: owner.id,
      toUserId: friend.id,
    });
    const listed = expectStatus(await call(env, 'GET', '/api/v1/transfers', { user: owner }), 200);
    expect(listed.items).toMatchObject([{ id: offered.id, status: 'COMPLETED' }]);
    expect(listed.items[0].claimCode).toBeUndefined();
  });

  it('transfers only paid reservations, and lets the sender withdraw an unclaimed offer', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 1 });
    const owner = newUser();
    const unpaid = expectStatus(
      await call(env, 'POST', '/api/v1/seats/reserve', {
        user: owner,
        entryEventId: event.id,
        body: { eventId: event.id, seatIds },
      }),
      201,
    );
    expect(
      await call(env, 'POST', '/api/v1/transfers', { user: owner, body: { reservationId: unpaid.id } }),
    ).toMatchObject({ status: 409, body: { type: 'urn:urr:problem:ticket:not-transferable' } });

    const paid = await paidReservation();
    const offer = expectStatus(
      await call(env, 'POST', '/api/v1/transfers', {
        user: paid.owner,
        body: { reservationId: paid.reservation.id },
      }),
      201,
    );
    expect(
      await call(env, 'POST', `/api/v1/transfers/${offer.id}/cancel`, { user: newUser() }),
    ).toMatchObject({
      status: 404,
    });
    expect(
      expectStatus(
        await call(env, 'POST', `/api/v1/transfers/${offer.id}/cancel`, { user: paid.owner }),
        200,
      ),
    ).toMatchObject({ status: 'CANCELLED' });
    expect(
      await call(env, 'POST', `/api/v1/transfers/${offer.id}/accept`, {
        user: newUser(),
        body: { claimCode: offer.claimCode },
      }),
    ).toMatchObject({ status: 409 });
  });
});
