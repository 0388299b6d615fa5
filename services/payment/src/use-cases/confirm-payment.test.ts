import { randomUUID } from 'node:crypto';
import { readJson } from '@urr/common/testing/read-json';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentAttempts } from '../db/schema.js';
import { signWebhook, webhookSignatureHeader } from '../domain/webhook-signature.js';
import { asUser, type PaymentHarness, pspTimings, startPaymentHarness } from '../testing/payment-harness.js';

/** Another card within the hold (docs/adr/0045), against the real Postgres, Kafka and test PSP. */
let harness: PaymentHarness;
beforeAll(async () => {
  harness = await startPaymentHarness({ maxChargeAttempts: 3 });
});
afterAll(async () => {
  await harness?.close();
});

const cards = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  timeout: '4000000000000119',
  lateSuccess: '4000000000000259',
};
const card = (cardNumber: string) => ({ cardNumber, expMonth: 12, expYear: 2035, cvc: '123' });

function confirm(paymentId: string, userId: string, cardNumber: string, key: string = randomUUID()) {
  return harness.app.request(`/api/v1/payments/${paymentId}/confirm`, {
    method: 'POST',
    headers: asUser(userId, { 'content-type': 'application/json', 'idempotency-key': key }),
    body: JSON.stringify(card(cardNumber)),
  });
}

async function newPayment(overrides: Record<string, unknown> = {}) {
  const reservationId = randomUUID();
  const created = await harness.createPayment({ reservationId, ...overrides });
  return { ...created, reservationId };
}

const view = async (paymentId: string, userId: string) =>
  readJson(await harness.app.request(`/api/v1/payments/${paymentId}`, { headers: asUser(userId) }));

const eventsOf = (paymentId: string) =>
  harness.published().filter((envelope) => envelope.payload.paymentId === paymentId);

/** What the outbox holds for the reservation: every event it will ever publish for it, in order. */
async function outboxTypes(reservationId: string): Promise<string[]> {
  const { rows } = await harness.db.primary.execute<{ type: string }>(
    sql`select envelope->>'type' as type from outbox where key = ${reservationId} order by id`,
  );
  return rows.map((row) => row.type);
}

describe('a declined card leaves the hold payable by another card', () => {
  it('402 with attemptsLeft, nothing published; the same card again is a new charge; another card pays', async () => {
    const { paymentId, userId, reservationId } = await newPayment({ amount: 40_000 });
    const first = await confirm(paymentId, userId, cards.insufficientFunds);
    expect(first.status).toBe(402);
    expect(await readJson(first)).toMatchObject({
      type: 'urn:urr:problem:card-declined',
      declineCode: 'insufficient_funds',
      attemptsLeft: 2,
      paymentId,
      paymentStatus: 'requires_payment',
    });
    expect(await view(paymentId, userId)).toMatchObject({
      status: 'requires_payment',
      failureReason: null,
      declineCode: 'insufficient_funds',
      chargeAttempts: 1,
      attemptsLeft: 2,
    });

    // The same card with a new key (the fan topped up the account) reaches the PSP as a new charge: the PSP
    // does not answer it with the first decline.
    const second = await confirm(paymentId, userId, cards.insufficientFunds);
    expect(second.status).toBe(402);
    expect(await readJson(second)).toMatchObject({ attemptsLeft: 1, paymentStatus: 'requires_payment' });

    const paid = await confirm(paymentId, userId, cards.mastercard);
    expect(paid.status).toBe(200);
    expect(await readJson(paid)).toMatchObject({
      status: 'succeeded',
      capturedAmount: 40_000,
      chargeAttempts: 3,
      attemptsLeft: 0,
      card: { brand: 'mastercard', last4: '4444' },
    });

    // Events of one reservation keep their order: had a decline published payment.failed, it would be first.
    const events = await harness.waitFor(
      () => eventsOf(paymentId).length > 0 && eventsOf(paymentId),
      'event',
    );
    expect(events.map((event) => event.type)).toEqual(['payment.succeeded']);
    expect(await outboxTypes(reservationId)).toEqual(['payment.succeeded']);

    expect(
      harness
        .chargesOf(paymentId)
        .map((charge) => [charge.metadata.attempt, charge.status, charge.requestCount]),
    ).toEqual([
      ['1', 'failed', 1],
      ['2', 'failed', 1],
      ['3', 'succeeded', 1],
    ]);
    const attempts = await harness.db.primary
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.paymentId, paymentId))
      .orderBy(asc(paymentAttempts.attempt));
    expect(attempts).toMatchObject([
      { attempt: 1, cardLast4: '9995', outcome: 'declined', declineCode: 'insufficient_funds' },
      { attempt: 2, cardLast4: '9995', outcome: 'declined', declineCode: 'insufficient_funds' },
      { attempt: 3, cardLast4: '4444', outcome: 'succeeded', declineCode: null },
    ]);
    for (const attempt of attempts) expect(attempt.settledAt).toBeInstanceOf(Date);
  });

  it('the last allowed decline fails the payment for good: payment.failed once, then every confirm is refused', async () => {
    const { paymentId, userId, reservationId } = await newPayment();
    for (const left of [2, 1]) {
      const declined = await confirm(paymentId, userId, cards.declined);
      expect(declined.status).toBe(402);
      expect(await readJson(declined)).toMatchObject({
        attemptsLeft: left,
        paymentStatus: 'requires_payment',
      });
    }
    const last = await confirm(paymentId, userId, cards.declined);
    expect(last.status).toBe(402);
    expect(await readJson(last)).toMatchObject({
      type: 'urn:urr:problem:card-declined',
      attemptsLeft: 0,
      paymentStatus: 'failed',
    });

    const afterwards = await confirm(paymentId, userId, cards.visa);
    expect(afterwards.status).toBe(409);
    expect(await readJson(afterwards)).toMatchObject({ type: 'urn:urr:problem:payment-failed' });

    const events = await harness.waitFor(
      () => eventsOf(paymentId).length > 0 && eventsOf(paymentId),
      'event',
    );
    expect(events).toMatchObject([
      { type: 'payment.failed', payload: { paymentId, reservationId, reason: 'declined' } },
    ]);
    expect(await outboxTypes(reservationId)).toEqual(['payment.failed']);
    expect(harness.chargesOf(paymentId)).toHaveLength(3);
    expect(await view(paymentId, userId)).toMatchObject({
      status: 'failed',
      failureReason: 'declined',
      chargeAttempts: 3,
      attemptsLeft: 0,
    });
  });

  it('replaying a declined attempt’s key gets its stored answer, and the PSP sees no new charge', async () => {
    const { paymentId, userId } = await newPayment();
    const key = randomUUID();
    const declined = await confirm(paymentId, userId, cards.declined, key);
    expect(declined.status).toBe(402);
    const declinedBody = await readJson(declined);
    const replays = await Promise.all([1, 2].map(() => confirm(paymentId, userId, cards.declined, key)));
    for (const replay of replays) {
      expect(replay.status).toBe(402);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await readJson(replay)).toEqual(declinedBody);
    }
    // The key belongs to that card: another card under it is another request.
    expect((await confirm(paymentId, userId, cards.visa, key)).status).toBe(422);
    expect(harness.chargesOf(paymentId)).toMatchObject([{ status: 'failed', requestCount: 1 }]);
    expect(await view(paymentId, userId)).toMatchObject({ chargeAttempts: 1, attemptsLeft: 2 });
  });

  it('two confirms racing with different cards after a decline: one charge succeeds, the other is a 409 problem', async () => {
    const { paymentId, userId } = await newPayment();
    expect((await confirm(paymentId, userId, cards.declined)).status).toBe(402);
    const answers = await Promise.all([
      confirm(paymentId, userId, cards.visa),
      confirm(paymentId, userId, cards.mastercard),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await readJson(refused)).type).toMatch(/^urn:urr:problem:payment-(in-progress|already-paid)$/);
    const charges = harness.chargesOf(paymentId);
    expect(charges.filter((charge) => charge.status === 'succeeded')).toHaveLength(1);
    expect(charges).toHaveLength(2);
  });

  it('a hold that ends between the decline and the next card refuses it with payment-expired, uncharged', async () => {
    const expiresAt = new Date(Date.now() + 1500);
    const { paymentId, userId } = await newPayment({ expiresAt: expiresAt.toISOString() });
    expect((await confirm(paymentId, userId, cards.declined)).status).toBe(402);
    while (Date.now() <= expiresAt.getTime()) await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await confirm(paymentId, userId, cards.visa);
    expect(late.status).toBe(409);
    expect(await readJson(late)).toMatchObject({ type: 'urn:urr:problem:payment-expired' });
    expect(harness.chargesOf(paymentId)).toMatchObject([{ status: 'failed' }]);
  });
});

describe('an unknown outcome is never followed by another card', () => {
  it('after a timeout the payment failed: a confirm with another card is refused and never charged', async () => {
    const { paymentId, userId } = await newPayment();
    expect((await confirm(paymentId, userId, cards.timeout)).status).toBe(504);
    const other = await confirm(paymentId, userId, cards.visa);
    expect(other.status).toBe(409);
    expect(await readJson(other)).toMatchObject({
      type: 'urn:urr:problem:payment-failed',
      paymentStatus: 'failed',
    });
    expect(harness.chargesOf(paymentId)).toHaveLength(1);
  });

  it('a late success of the first card stays the only capture: the second card was refused', async () => {
    const { paymentId, userId } = await newPayment({ amount: 25_000 });
    expect((await confirm(paymentId, userId, cards.declined)).status).toBe(402);
    expect((await confirm(paymentId, userId, cards.lateSuccess)).status).toBe(504);
    expect((await confirm(paymentId, userId, cards.visa)).status).toBe(409);
    const events = await harness.waitFor(
      () => eventsOf(paymentId).length >= 2 && eventsOf(paymentId),
      'late success',
      pspTimings.lateSuccessDelayMs + 10_000,
    );
    expect(events.map((event) => [event.type, event.payload.reason])).toEqual([
      ['payment.failed', 'timeout'],
      ['payment.succeeded', undefined],
    ]);
    expect(harness.chargesOf(paymentId).map((charge) => charge.status)).toEqual(['failed', 'succeeded']);
    expect(await view(paymentId, userId)).toMatchObject({ status: 'succeeded', chargeAttempts: 2 });
  });
});

describe('outcomes of earlier attempts', () => {
  it('a late webhook of an earlier decline does not settle the attempt under way', async () => {
    const { paymentId, userId } = await newPayment();
    expect((await confirm(paymentId, userId, cards.declined)).status).toBe(402);
    const [firstCharge] = harness.chargesOf(paymentId);
    // The second attempt is under way at the PSP (as a confirm leaves it before the PSP answers).
    await harness.db.primary.execute(
      sql`update payments set status = 'processing', charge_attempts = 2, charge_started_at = now() where id = ${paymentId}`,
    );
    const body = JSON.stringify({
      id: `evt_${randomUUID()}`,
      type: 'charge.failed',
      createdAt: new Date().toISOString(),
      data: firstCharge,
    });
    const delivered = await fetch(`${harness.paymentUrl}/webhooks/psp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [webhookSignatureHeader]: signWebhook(harness.webhookSecret, body),
      },
      body,
    });
    expect(delivered.status).toBe(200);
    expect(await view(paymentId, userId)).toMatchObject({ status: 'processing', chargeAttempts: 2 });
    expect(await outboxTypes((await view(paymentId, userId)).reservationId)).toEqual([]);
  });

  it('the reconciler’s lookup finds the charge of the attempt it asks about, not the payment’s first', async () => {
    const { paymentId, userId } = await newPayment();
    expect((await confirm(paymentId, userId, cards.declined)).status).toBe(402);
    expect((await confirm(paymentId, userId, cards.visa)).status).toBe(200);
    const { provider } = harness.context;
    expect(await provider.findCharge(paymentId, 1)).toMatchObject({
      status: 'failed',
      metadata: { attempt: '1' },
    });
    expect(await provider.findCharge(paymentId, 2)).toMatchObject({
      status: 'succeeded',
      metadata: { attempt: '2' },
    });
    expect(await provider.findCharge(paymentId, 3)).toBeUndefined();
  });
});
