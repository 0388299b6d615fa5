import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { withTransaction } from '@urr/common';
import { eq } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reservations, ticketCheckIns } from '../db/schema.js';
import { createTicketCodeSigner } from '../domain/ticket-code.js';
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
const staff = newUser('staff');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterEach(() => {
  env.setNow(undefined);
});
afterAll(async () => {
  await env?.close();
});

async function paidReservation(seats = 1) {
  const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: seats });
  const holder = newUser();
  const reservation = expectStatus(
    await call(env, 'POST', '/api/v1/seats/reserve', {
      user: holder,
      entryEventId: event.id,
      body: { eventId: event.id, seatIds },
    }),
    201,
  );
  await withTransaction(env.db.primary, (tx) =>
    confirmReservation(tx, { reservationId: reservation.id, paymentId: randomUUID(), now: new Date() }),
  );
  return { event, holder, reservation };
}

const passOf = (reservationId: string, user = newUser()) =>
  call(env, 'GET', `/api/v1/tickets/${reservationId}`, { user });

async function codeOf(reservationId: string, holder: ReturnType<typeof newUser>, ticketNumber = 1) {
  const pass = expectStatus(await passOf(reservationId, holder), 200);
  return pass.tickets[ticketNumber - 1].code as string;
}

const checkIn = (code: string, gate = 'North gate 3', user = staff, extra: Record<string, unknown> = {}) =>
  call(env, 'POST', '/api/v1/tickets/check-ins', { user, body: { code, gate, ...extra } });

describe('door codes and check-in', () => {
  it('admits a ticket once; a second scan is refused with when and where it was used', async () => {
    const { event, holder, reservation } = await paidReservation(2);
    const pass = expectStatus(await passOf(reservation.id, holder), 200);
    expect(pass).toMatchObject({
      reservationId: reservation.id,
      eventId: event.id,
      ticketCount: 2,
      windowSeconds: 30,
      tickets: [
        { number: 1, code: expect.any(String), usedAt: null, gate: null },
        { number: 2, code: expect.any(String), usedAt: null, gate: null },
      ],
    });
    expect(Date.parse(pass.validUntil) - Date.parse(pass.validFrom)).toBe(30_000);

    const admitted = expectStatus(await checkIn(pass.tickets[0].code, 'North gate 3'), 201);
    expect(admitted).toMatchObject({
      reservationId: reservation.id,
      ticketNumber: 1,
      ticketCount: 2,
      eventId: event.id,
      gate: 'North gate 3',
    });

    const again = await checkIn(pass.tickets[0].code, 'South gate 1');
    expect(again).toMatchObject({
      status: 409,
      body: {
        type: 'urn:urr:problem:ticket:ticket-used',
        usedAt: admitted.checkedInAt,
        gate: 'North gate 3',
      },
    });
    expect(again.body.detail).toContain('North gate 3');

    // The holder's pass shows the used ticket without a code; the other ticket still admits.
    const after = expectStatus(await passOf(reservation.id, holder), 200);
    expect(after.tickets[0]).toEqual({
      number: 1,
      code: null,
      usedAt: admitted.checkedInAt,
      gate: 'North gate 3',
    });
    expectStatus(await checkIn(after.tickets[1].code, 'South gate 1'), 201);
  });

  it('of many scans of one code at the same moment, exactly one admits', async () => {
    const { holder, reservation } = await paidReservation();
    const code = await codeOf(reservation.id, holder);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) => checkIn(code, `gate ${index}`)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = answers.find((answer) => answer.status === 201)?.body;
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body).toMatchObject({ type: 'urn:urr:problem:ticket:ticket-used', gate: winner.gate });
    const rows = await env.db.primary
      .select()
      .from(ticketCheckIns)
      .where(eq(ticketCheckIns.reservationId, reservation.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses a code whose window is over (a screenshot passed on), and admits the live one', async () => {
    const { holder, reservation } = await paidReservation();
    const shownAt = new Date();
    env.setNow(shownAt);
    const old = await codeOf(reservation.id, holder);
    env.setNow(new Date(shownAt.getTime() + 60_000));
    expect(await checkIn(old)).toMatchObject({
      status: 422,
      body: { type: 'urn:urr:problem:ticket:ticket-code-expired' },
    });
    const live = await codeOf(reservation.id, holder);
    expect(live).not.toBe(old);
    expectStatus(await checkIn(live), 201);
  });

  it('refuses a forged code: another key, edited claims, or not a code at all', async () => {
    const { holder, reservation } = await paidReservation();
    const [stored] = await env.db.primary
      .select()
      .from(reservations)
      .where(eq(reservations.id, reservation.id));
    const forger = createTicketCodeSigner(generateKeyPairSync('ed25519').privateKey);
    const forged = await forger.sign(
      {
        reservationId: reservation.id,
        ticketNumber: 1,
        holderId: holder.id,
        holderGeneration: stored?.holderGeneration ?? 0,
      },
      new Date(),
    );
    expect(await checkIn(forged.code)).toMatchObject({
      status: 422,
      body: { type: 'urn:urr:problem:ticket:ticket-code-invalid', reason: 'bad-signature' },
    });

    const [header, payload, signature] = (await codeOf(reservation.id, holder)).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const otherTicket = Buffer.from(JSON.stringify({ ...claims, tno: 2 })).toString('base64url');
    expect(await checkIn([header, otherTicket, signature].join('.'))).toMatchObject({
      status: 422,
      body: { reason: 'bad-signature' },
    });
    expect(await checkIn('not-a-code')).toMatchObject({
      status: 422,
      body: { type: 'urn:urr:problem:ticket:ticket-code-invalid', reason: 'malformed' },
    });
    expect(
      await env.db.primary
        .select()
        .from(ticketCheckIns)
        .where(eq(ticketCheckIns.reservationId, reservation.id)),
    ).toEqual([]);
  });

  it("refuses the old holder's code as soon as a transfer completes; the new holder's admits", async () => {
    const { holder, reservation } = await paidReservation();
    const oldCode = await codeOf(reservation.id, holder);
    const offer = expectStatus(
      await call(env, 'POST', '/api/v1/transfers', { user: holder, body: { reservationId: reservation.id } }),
      201,
    );
    const friend = newUser();
    expectStatus(
      await call(env, 'POST', `/api/v1/transfers/${offer.id}/accept`, {
        user: friend,
        body: { claimCode: offer.claimCode },
      }),
      200,
    );

    expect(await checkIn(oldCode)).toMatchObject({
      status: 409,
      body: { type: 'urn:urr:problem:ticket:ticket-transferred' },
    });
    expect(await passOf(reservation.id, holder)).toMatchObject({ status: 404 });
    const newCode = await codeOf(reservation.id, friend);
    expectStatus(await checkIn(newCode), 201);
  });

  it('a scan racing a transfer: the old code admits only before the transfer, never a 5xx or a stray row', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { holder, reservation } = await paidReservation();
      const oldCode = await codeOf(reservation.id, holder);
      const offer = expectStatus(
        await call(env, 'POST', '/api/v1/transfers', {
          user: holder,
          body: { reservationId: reservation.id },
        }),
        201,
      );
      const [scan, accepted] = await Promise.all([
        checkIn(oldCode),
        call(env, 'POST', `/api/v1/transfers/${offer.id}/accept`, {
          user: newUser(),
          body: { claimCode: offer.claimCode },
        }),
      ]);
      expect(accepted.status).toBe(200);
      const rows = await env.db.primary
        .select()
        .from(ticketCheckIns)
        .where(eq(ticketCheckIns.reservationId, reservation.id));
      if (scan.status === 201) expect(rows).toHaveLength(1);
      else {
        expect(scan).toMatchObject({
          status: 409,
          body: { type: 'urn:urr:problem:ticket:ticket-transferred' },
        });
        expect(rows).toEqual([]);
      }
      expect(await checkIn(oldCode)).toMatchObject({ status: 409 });
    }
  });

  it('refuses a code from an earlier holding even when the ticket came back to the same holder', async () => {
    const { holder, reservation } = await paidReservation();
    const firstHolding = await codeOf(reservation.id, holder);
    const transfer = async (from: typeof holder, to: typeof holder) => {
      const offer = expectStatus(
        await call(env, 'POST', '/api/v1/transfers', { user: from, body: { reservationId: reservation.id } }),
        201,
      );
      expectStatus(
        await call(env, 'POST', `/api/v1/transfers/${offer.id}/accept`, {
          user: to,
          body: { claimCode: offer.claimCode },
        }),
        200,
      );
    };
    const friend = newUser();
    await transfer(holder, friend);
    await transfer(friend, holder);

    expect(await checkIn(firstHolding)).toMatchObject({
      status: 409,
      body: { type: 'urn:urr:problem:ticket:ticket-transferred' },
    });
    expectStatus(await checkIn(await codeOf(reservation.id, holder)), 201);
  });

  it('refuses tickets of reservations no longer paid, and tickets for another event at the door', async () => {
    const { event, holder, reservation } = await paidReservation();
    const code = await codeOf(reservation.id, holder);
    expect(await checkIn(code, 'Gate A', staff, { eventId: randomUUID() })).toMatchObject({
      status: 409,
      body: { type: 'urn:urr:problem:ticket:wrong-event', eventId: event.id },
    });
    await env.db.primary
      .update(reservations)
      .set({ status: 'CANCELLED', cancelledAt: new Date() })
      .where(eq(reservations.id, reservation.id));
    expect(await checkIn(code, 'Gate A', staff, { eventId: event.id })).toMatchObject({
      status: 409,
      body: { type: 'urn:urr:problem:ticket:ticket-void' },
    });
    expect(await passOf(reservation.id, holder)).toMatchObject({
      status: 409,
      body: { type: 'urn:urr:problem:ticket:no-tickets' },
    });
  });

  it('lets only staff and admins check in, and answers bad input with a problem', async () => {
    const { holder, reservation } = await paidReservation();
    const code = await codeOf(reservation.id, holder);
    expect(await checkIn(code, 'Gate A', holder)).toMatchObject({ status: 403 });
    expect(
      await call(env, 'POST', '/api/v1/tickets/check-ins', { body: { code, gate: 'Gate A' } }),
    ).toMatchObject({ status: 401 });
    for (const body of [
      { code },
      { code: '', gate: 'Gate A' },
      { code, gate: '   ' },
      { code, gate: 'A', eventId: 'x' },
      { code, gate: 'North\u0000gate' },
      { code: 'x'.repeat(2049), gate: 'Gate A' },
    ]) {
      const refused = await call(env, 'POST', '/api/v1/tickets/check-ins', { user: staff, body });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ status: 400, title: expect.any(String) });
    }
    expect(await passOf('not-a-uuid', holder)).toMatchObject({ status: 400 });
    expect(await passOf(reservation.id)).toMatchObject({ status: 404 });
    expectStatus(await checkIn(code, 'Gate A', admin), 201);
  });

  it('publishes the public key, which alone verifies a code (a scanner offline)', async () => {
    const { holder, reservation } = await paidReservation();
    const keys = expectStatus(await call(env, 'GET', '/api/v1/tickets/.well-known/jwks.json'), 200);
    expect(keys.keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String),
        kid: expect.any(String),
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    const { payload } = await jwtVerify(await codeOf(reservation.id, holder), createLocalJWKSet(keys), {
      typ: 'urr-ticket+jwt',
    });
    expect(payload).toMatchObject({ rid: reservation.id, tno: 1, sub: holder.id, gen: 0 });
  });
});
