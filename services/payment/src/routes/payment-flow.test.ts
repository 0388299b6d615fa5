import { randomUUID } from 'node:crypto';
import { readJson } from '@urr/common/testing/read-json';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReconciler } from '../jobs/reconciler.js';
import {
  asAdmin,
  asUser,
  type PaymentHarness,
  pspTimings,
  startPaymentHarness,
} from '../testing/payment-harness.js';

let harness: PaymentHarness;
beforeAll(async () => {
  harness = await startPaymentHarness();
});
afterAll(async () => {
  await harness?.close();
});

const card = (cardNumber: string) => ({ cardNumber, expMonth: 12, expYear: 2035, cvc: '123' });

function confirm(paymentId: string, userId: string, body: unknown, key: string = randomUUID()) {
  return harness.app.request(`/api/v1/payments/${paymentId}/confirm`, {
    method: 'POST',
    headers: asUser(userId, { 'content-type': 'application/json', 'idempotency-key': key }),
    body: JSON.stringify(body),
  });
}

/** Until a request holding `key` has claimed it. */
async function keyHeld(key: string) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const held = await harness.db.primary.execute(sql`select 1 from idempotency_keys where key = ${key}`);
    if (held.rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`key ${key} was never claimed`);
}

const eventsOf = (paymentId: string) =>
  harness.published().filter((envelope) => envelope.payload.paymentId === paymentId);

describe('paying a reservation', () => {
  it('a good card pays: 200 succeeded, payment.succeeded published, one charge at the PSP', async () => {
    const { paymentId, userId } = await harness.createPayment({ amount: 55_000 });
    const response = await confirm(paymentId, userId, card('4242424242424242'));
    expect(response.status).toBe(200);
    expect(response.headers.get('idempotent-replayed')).toBe('false');
    const body = await readJson(response);
    expect(body).toMatchObject({
      id: paymentId,
      status: 'succeeded',
      capturedAmount: 55_000,
      card: { brand: 'visa', last4: '4242' },
    });
    expect(JSON.stringify(body)).not.toContain('4242424242424242');

    const [event] = await harness.waitFor(
      () => eventsOf(paymentId).length > 0 && eventsOf(paymentId),
      'event',
    );
    expect(event).toMatchObject({
      type: 'payment.succeeded',
      schemaVersion: 1,
      payload: { paymentId, userId, amount: 55_000, currency: 'KRW', reservationId: body.reservationId },
    });
    expect(harness.chargesOf(paymentId)).toMatchObject([
      { status: 'succeeded', amount: 55_000, requestCount: 1 },
    ]);
  });

  it('a declined card is a 402 problem; with MAX_CHARGE_ATTEMPTS 1 it fails the payment: payment.failed (declined)', async () => {
    const onlyOne = await startPaymentHarness({ maxChargeAttempts: 1 });
    try {
      const { paymentId, userId } = await onlyOne.createPayment();
      const send = (cardNumber: string) =>
        onlyOne.app.request(`/api/v1/payments/${paymentId}/confirm`, {
          method: 'POST',
          headers: asUser(userId, { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
          body: JSON.stringify(card(cardNumber)),
        });
      const response = await send('4000000000000002');
      expect(response.status).toBe(402);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await readJson(response)).toMatchObject({
        type: 'urn:urr:problem:card-declined',
        declineCode: 'card_declined',
        attemptsLeft: 0,
        paymentStatus: 'failed',
      });
      const ofThis = () => onlyOne.published().filter((envelope) => envelope.payload.paymentId === paymentId);
      const events = await onlyOne.waitFor(() => ofThis().length > 0 && ofThis(), 'event');
      expect(events).toMatchObject([{ type: 'payment.failed', payload: { paymentId, reason: 'declined' } }]);
      // A second try with a new key does not reach the PSP: a failed payment stays failed.
      expect((await send('4242424242424242')).status).toBe(409);
      expect(onlyOne.chargesOf(paymentId)).toHaveLength(1);
    } finally {
      await onlyOne.close();
    }
  });

  it('only the owner pays; anyone else gets 403 and nothing is charged', async () => {
    const { paymentId, userId } = await harness.createPayment();
    expect((await confirm(paymentId, randomUUID(), card('4242424242424242'))).status).toBe(403);
    const someoneElse = await harness.app.request(`/api/v1/payments/${paymentId}`, {
      headers: asUser(randomUUID()),
    });
    expect(someoneElse.status).toBe(403);
    const owner = await harness.app.request(`/api/v1/payments/${paymentId}`, { headers: asUser(userId) });
    expect(await readJson(owner)).toMatchObject({ id: paymentId, status: 'requires_payment' });
    expect((await harness.app.request(`/api/v1/payments/${paymentId}`, { headers: asAdmin() })).status).toBe(
      200,
    );
    expect((await harness.app.request(`/api/v1/payments/${paymentId}`)).status).toBe(401);
    expect(harness.chargesOf(paymentId)).toEqual([]);
  });

  it('refuses a payment after its hold ended, without charging', async () => {
    const { paymentId, userId } = await harness.createPayment({
      expiresAt: new Date(Date.now() + 1000).toISOString(),
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await confirm(paymentId, userId, card('4242424242424242'));
    expect(response.status).toBe(409);
    expect(await readJson(response)).toMatchObject({ type: 'urn:urr:problem:payment-expired' });
    expect(harness.chargesOf(paymentId)).toEqual([]);
  });

  it('validates the card and requires an Idempotency-Key', async () => {
    const { paymentId, userId } = await harness.createPayment();
    const typo = await confirm(paymentId, userId, card('4242424242424241'));
    expect(typo.status).toBe(400);
    expect((await readJson(typo)).errors).toEqual([expect.objectContaining({ path: 'cardNumber' })]);
    const keyless = await harness.app.request(`/api/v1/payments/${paymentId}/confirm`, {
      method: 'POST',
      headers: asUser(userId, { 'content-type': 'application/json' }),
      body: JSON.stringify(card('4242424242424242')),
    });
    expect(keyless.status).toBe(400);
    expect((await readJson(keyless)).detail).toContain('idempotency-key');
    expect(harness.chargesOf(paymentId)).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('a retry with the same key and body gets the stored answer and never charges twice', async () => {
    const { paymentId, userId } = await harness.createPayment();
    const key = randomUUID();
    const first = await confirm(paymentId, userId, card('4242424242424242'), key);
    const retries = await Promise.all(
      [1, 2, 3].map(() => confirm(paymentId, userId, card('4242424242424242'), key)),
    );
    const firstBody = await readJson(first);
    for (const retry of retries) {
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await readJson(retry)).toEqual(firstBody);
    }
    // A different key for the paid payment is refused by the payment itself, not charged.
    expect((await confirm(paymentId, userId, card('4242424242424242'))).status).toBe(409);
    expect(harness.chargesOf(paymentId)).toMatchObject([{ status: 'succeeded', requestCount: 1 }]);
    await harness.waitFor(() => eventsOf(paymentId).length > 0, 'event');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(eventsOf(paymentId).map((event) => event.type)).toEqual(['payment.succeeded']);
  });

  it('the same key with another body is 422; the same key while the first runs is 409', async () => {
    const { paymentId, userId } = await harness.createPayment();
    const key = randomUUID();
    // The timeout card keeps the first request open for the PSP timeout.
    const first = confirm(paymentId, userId, card('4000000000000119'), key);
    await keyHeld(key);
    const concurrent = await confirm(paymentId, userId, card('4000000000000119'), key);
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('retry-after')).toBe('1');
    expect(await readJson(concurrent)).toMatchObject({ type: 'urn:urr:problem:idempotency-key-in-use' });

    const timedOut = await first;
    expect(timedOut.status).toBe(504);
    const timedOutBody = await readJson(timedOut);
    expect(timedOutBody).toMatchObject({
      type: 'urn:urr:problem:payment-provider-timeout',
      paymentStatus: 'failed',
    });
    // 5xx answers are stored and replayed too.
    const replay = await confirm(paymentId, userId, card('4000000000000119'), key);
    expect(replay.status).toBe(504);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await readJson(replay)).toEqual(timedOutBody);

    const otherBody = await confirm(paymentId, userId, card('4242424242424242'), key);
    expect(otherBody.status).toBe(422);
    expect(await readJson(otherBody)).toMatchObject({ type: 'urn:urr:problem:idempotency-key-reused' });

    const events = await harness.waitFor(
      () => eventsOf(paymentId).length > 0 && eventsOf(paymentId),
      'event',
    );
    expect(events).toMatchObject([{ type: 'payment.failed', payload: { reason: 'timeout' } }]);
    expect(harness.chargesOf(paymentId)).toMatchObject([{ requestCount: 1 }]);
  });

  it('keeps no CVC, not even hashed: a retry that differs only in the CVC is the same request', async () => {
    const { paymentId, userId } = await harness.createPayment();
    const key = randomUUID();
    const first = await confirm(paymentId, userId, { ...card('4242424242424242'), cvc: '123' }, key);
    expect(first.status).toBe(200);
    const otherCvc = await confirm(paymentId, userId, { ...card('4242424242424242'), cvc: '987' }, key);
    expect(otherCvc.status).toBe(200);
    expect(otherCvc.headers.get('idempotent-replayed')).toBe('true');
    const [stored] = (
      await harness.db.primary.execute(sql`select * from idempotency_keys where key = ${key}`)
    ).rows;
    expect(JSON.stringify(stored)).not.toMatch(/4242424242424242|"123"/);
    expect(harness.chargesOf(paymentId)).toMatchObject([{ requestCount: 1 }]);
  });

  it('keys are per user: two fans may send the same key', async () => {
    const key = randomUUID();
    const one = await harness.createPayment();
    const two = await harness.createPayment();
    expect((await confirm(one.paymentId, one.userId, card('4242424242424242'), key)).status).toBe(200);
    expect((await confirm(two.paymentId, two.userId, card('4242424242424242'), key)).status).toBe(200);
  });
});

describe('a free seat (amount 0)', () => {
  it('is paid at once without a charge, once: payment.succeeded with amount 0', async () => {
    const { paymentId, userId } = await harness.createPayment({ amount: 0 });
    const paid = await confirm(paymentId, userId, card('4242424242424242'));
    expect(paid.status).toBe(200);
    expect(await readJson(paid)).toMatchObject({ status: 'succeeded', amount: 0, capturedAmount: 0 });
    const again = await confirm(paymentId, userId, card('4242424242424242'));
    expect(again.status).toBe(409);
    expect(await readJson(again)).toMatchObject({ type: 'urn:urr:problem:payment-already-paid' });
    const events = await harness.waitFor(
      () => eventsOf(paymentId).length > 0 && eventsOf(paymentId),
      'event',
    );
    expect(events).toMatchObject([{ type: 'payment.succeeded', payload: { paymentId, amount: 0 } }]);
    expect(harness.chargesOf(paymentId)).toEqual([]);
  });
});

describe('unknown outcomes', () => {
  it('a late success after a timeout publishes payment.failed (timeout) then payment.succeeded', async () => {
    const { paymentId, userId } = await harness.createPayment({ amount: 30_000 });
    const response = await confirm(paymentId, userId, card('4000000000000259'));
    expect(response.status).toBe(504);
    // The PSP captures the charge later and reports it by webhook.
    const events = await harness.waitFor(
      () => eventsOf(paymentId).length >= 2 && eventsOf(paymentId),
      'late success',
      pspTimings.lateSuccessDelayMs + 10_000,
    );
    expect(events.map((event) => [event.type, event.payload.reason])).toEqual([
      ['payment.failed', 'timeout'],
      ['payment.succeeded', undefined],
    ]);
    const view = await readJson(
      await harness.app.request(`/api/v1/payments/${paymentId}`, { headers: asUser(userId) }),
    );
    expect(view).toMatchObject({ status: 'succeeded', capturedAmount: 30_000, failureReason: null });

    // ticket-service refunds a late success whose hold expired.
    const refund = await harness.app.request(`/internal/payments/${paymentId}/refunds`, {
      method: 'POST',
      headers: {
        'x-internal-token': harness.internalToken,
        'content-type': 'application/json',
        'idempotency-key': `late-success-${paymentId}`,
      },
      body: JSON.stringify({ reason: 'hold expired before the payment succeeded' }),
    });
    expect(refund.status).toBe(201);
    expect(await readJson(refund)).toMatchObject({
      refund: { amount: 30_000, status: 'succeeded' },
      payment: { status: 'refunded', refundedAmount: 30_000 },
    });
    const refunded = await harness.waitFor(
      () => eventsOf(paymentId).find((event) => event.type === 'payment.refunded'),
      'refund event',
    );
    expect(refunded.payload).toMatchObject({ amount: 30_000, full: true, currency: 'KRW' });
    expect(harness.chargesOf(paymentId)).toMatchObject([{ refundedAmount: 30_000, requestCount: 1 }]);
  });

  it('a payment left processing (its process died mid-charge) is settled by asking the PSP', async () => {
    const { paymentId } = await harness.createPayment();
    await harness.db.primary.execute(
      sql`update payments set status = 'processing', charge_attempts = 1, charge_started_at = now() - interval '1 hour' where id = ${paymentId}`,
    );
    // The charge reached the PSP before the crash.
    await harness.context.provider.charge({
      reference: paymentId,
      attempt: 1,
      amount: 10_000,
      currency: 'KRW',
      card: { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' },
    });
    const reconciler = createReconciler(harness.context, { stuckAfterMs: 60_000 });
    await reconciler.runOnce();
    await harness.waitFor(() => eventsOf(paymentId).length > 0, 'event');
    expect(eventsOf(paymentId).map((event) => event.type)).toEqual(['payment.succeeded']);
  });

  it('refuses a webhook whose signature does not match', async () => {
    const response = await fetch(`${harness.paymentUrl}/webhooks/psp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'psp-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
      },
      body: JSON.stringify({ id: 'evt_forged', type: 'charge.succeeded' }),
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({ type: 'urn:urr:problem:webhook-signature' });
  });
});
