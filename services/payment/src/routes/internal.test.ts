import { randomUUID } from 'node:crypto';
import { readJson } from '@urr/common/testing/read-json';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAdmin, asUser, type PaymentHarness, startPaymentHarness } from '../testing/payment-harness.js';

let harness: PaymentHarness;
beforeAll(async () => {
  harness = await startPaymentHarness();
});
afterAll(async () => {
  await harness?.close();
});

const internal = (
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  harness.app.request(path, {
    method: init.method ?? 'GET',
    headers: {
      'x-internal-token': harness.internalToken,
      'content-type': 'application/json',
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

async function paidPayment(amount = 10_000) {
  const { paymentId, userId } = await harness.createPayment({ amount });
  const response = await harness.app.request(`/api/v1/payments/${paymentId}/confirm`, {
    method: 'POST',
    headers: asUser(userId, { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    body: JSON.stringify({ cardNumber: '4242 4242 4242 4242', expMonth: 1, expYear: 2040, cvc: '999' }),
  });
  expect(response.status).toBe(200);
  return paymentId;
}

const refund = (paymentId: string, body: unknown, key?: string) =>
  internal(`/internal/payments/${paymentId}/refunds`, {
    method: 'POST',
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

describe('payment intents (ticket-service → payment-service)', () => {
  it('creates one payment per reservation: the same request again answers the same payment', async () => {
    const intent = {
      reservationId: randomUUID(),
      userId: randomUUID(),
      eventId: 'event-1',
      amount: 120_000,
      currency: 'KRW',
      expiresAt: new Date(Date.now() + 420_000).toISOString(),
    };
    const first = await internal('/internal/payment-intents', { method: 'POST', body: intent });
    expect(first.status).toBe(201);
    const created = await readJson(first);
    expect(created).toMatchObject({ status: 'requires_payment', amount: 120_000, currency: 'KRW' });
    const again = await internal('/internal/payment-intents', { method: 'POST', body: intent });
    expect(again.status).toBe(200);
    expect((await readJson(again)).paymentIntentId).toBe(created.paymentIntentId);
    const changed = await internal('/internal/payment-intents', {
      method: 'POST',
      body: { ...intent, amount: 1 },
    });
    expect(changed.status).toBe(409);

    const lookup = await internal(`/internal/payments?reservationId=${intent.reservationId}`);
    expect(await readJson(lookup)).toMatchObject({
      id: created.paymentIntentId,
      userId: intent.userId,
      status: 'requires_payment',
    });
    expect((await internal(`/internal/payments?reservationId=${randomUUID()}`)).status).toBe(404);
  });

  it('refuses bad input and calls without the internal token', async () => {
    const bad = await internal('/internal/payment-intents', {
      method: 'POST',
      body: { reservationId: 'nope', userId: '', amount: -5, currency: 'krw', expiresAt: 'tomorrow' },
    });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'amount',
      'currency',
      'eventId',
      'expiresAt',
      'reservationId',
      'userId',
    ]);
    const past = await internal('/internal/payment-intents', {
      method: 'POST',
      body: {
        reservationId: randomUUID(),
        userId: 'u',
        eventId: 'e',
        amount: 1,
        currency: 'KRW',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      },
    });
    expect(past.status).toBe(422);
    const anonymous = await harness.app.request('/internal/payments?reservationId=x');
    expect(anonymous.status).toBe(401);
  });
});

describe('cancelling a payment intent (ticket-service cancels an unpaid reservation)', () => {
  const intentOf = (reservationId: string = randomUUID(), userId: string = randomUUID()) => ({
    reservationId,
    userId,
    eventId: 'event-1',
    amount: 50_000,
    currency: 'KRW',
    expiresAt: new Date(Date.now() + 420_000).toISOString(),
  });
  const cancel = (intent: ReturnType<typeof intentOf>) =>
    internal('/internal/payment-intents/cancel', { method: 'POST', body: intent });
  const pay = (paymentId: string, userId: string) =>
    harness.app.request(`/api/v1/payments/${paymentId}/confirm`, {
      method: 'POST',
      headers: asUser(userId, { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      body: JSON.stringify({ cardNumber: '4242424242424242', expMonth: 1, expYear: 2040, cvc: '999' }),
    });

  it('an unpaid payment is cancelled: a confirm after it is refused before any charge', async () => {
    const intent = intentOf();
    const created = await readJson(
      await internal('/internal/payment-intents', { method: 'POST', body: intent }),
    );
    const cancelled = await cancel(intent);
    expect(cancelled.status).toBe(200);
    expect(await readJson(cancelled)).toMatchObject({
      paymentIntentId: created.paymentIntentId,
      status: 'cancelled',
    });
    expect((await cancel(intent)).status).toBe(200);
    const refused = await pay(created.paymentIntentId, intent.userId);
    expect(refused.status).toBe(409);
    expect(await readJson(refused)).toMatchObject({ type: 'urn:urr:problem:payment-cancelled' });
    expect(harness.chargesOf(created.paymentIntentId)).toEqual([]);
  });

  it('a reservation without a payment gets a cancelled one: asking for its intent later answers it', async () => {
    const intent = intentOf();
    const cancelled = await readJson(await cancel(intent));
    expect(cancelled.status).toBe('cancelled');
    const later = await internal('/internal/payment-intents', { method: 'POST', body: intent });
    expect(later.status).toBe(200);
    expect(await readJson(later)).toMatchObject({
      paymentIntentId: cancelled.paymentIntentId,
      status: 'cancelled',
    });
    expect((await pay(cancelled.paymentIntentId, intent.userId)).status).toBe(409);
    expect(harness.chargesOf(cancelled.paymentIntentId)).toEqual([]);
  });

  it('a captured payment refuses the cancel (409, with the payment id): it is a refund’s to end', async () => {
    const { paymentId, userId } = await harness.createPayment({ amount: 50_000 });
    expect((await pay(paymentId, userId)).status).toBe(200);
    const view = await readJson(await internal(`/internal/payments/${paymentId}`));
    const refused = await cancel(intentOf(view.reservationId, userId));
    expect(refused.status).toBe(409);
    expect(await readJson(refused)).toMatchObject({
      type: 'urn:urr:problem:payment-already-paid',
      paymentId,
      capturedAmount: 50_000,
    });
  });

  it('a charge under way refuses the cancel (409 payment-in-progress)', async () => {
    const { paymentId, userId } = await harness.createPayment({ amount: 50_000 });
    await harness.db.primary.execute(
      sql`update payments set status = 'processing', charge_started_at = now() where id = ${paymentId}`,
    );
    const view = await readJson(await internal(`/internal/payments/${paymentId}`));
    const refused = await cancel(intentOf(view.reservationId, userId));
    expect(refused.status).toBe(409);
    expect(await readJson(refused)).toMatchObject({ type: 'urn:urr:problem:payment-in-progress', paymentId });
  });
});

describe('refunds', () => {
  it('partial then the rest: never more than captured in total', async () => {
    const paymentId = await paidPayment(10_000);
    const partial = await refund(paymentId, { amount: 3000 });
    expect(partial.status).toBe(201);
    expect(await readJson(partial)).toMatchObject({
      refund: { amount: 3000, status: 'succeeded' },
      payment: { status: 'partially_refunded', refundedAmount: 3000 },
    });
    const tooMuch = await refund(paymentId, { amount: 8000 });
    expect(tooMuch.status).toBe(422);
    expect(await readJson(tooMuch)).toMatchObject({ refundable: 7000 });
    const rest = await refund(paymentId, {});
    expect(await readJson(rest)).toMatchObject({
      refund: { amount: 7000 },
      payment: { status: 'refunded', refundedAmount: 10_000 },
    });
    expect((await refund(paymentId, {})).status).toBe(409);

    const events = await harness.waitFor(() => {
      const refunded = harness
        .published()
        .filter((event) => event.type === 'payment.refunded' && event.payload.paymentId === paymentId);
      return refunded.length === 2 && refunded;
    }, 'refund events');
    expect(events.map((event) => [event.payload.amount, event.payload.full])).toEqual([
      [3000, false],
      [7000, true],
    ]);
    expect(harness.chargesOf(paymentId)[0]?.refundedAmount).toBe(10_000);
  });

  it('concurrent refunds never add up to more than was captured', async () => {
    const paymentId = await paidPayment(10_000);
    const answers = await Promise.all(Array.from({ length: 6 }, () => refund(paymentId, { amount: 3000 })));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422]);
    const view = await readJson(await internal(`/internal/payments/${paymentId}`));
    expect(view).toMatchObject({ refundedAmount: 9000, status: 'partially_refunded' });
    expect(harness.chargesOf(paymentId)[0]?.refundedAmount).toBe(9000);
  });

  it('a refund retried with its Idempotency-Key is made once', async () => {
    const paymentId = await paidPayment(10_000);
    const key = randomUUID();
    const first = await refund(paymentId, { amount: 2500 }, key);
    const again = await refund(paymentId, { amount: 2500 }, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await readJson(again)).refund.id).toBe((await readJson(first)).refund.id);
    expect(harness.chargesOf(paymentId)[0]?.refundedAmount).toBe(2500);
  });

  it('refuses to refund a payment that captured nothing', async () => {
    const { paymentId } = await harness.createPayment();
    const response = await refund(paymentId, {});
    expect(response.status).toBe(409);
    expect(await readJson(response)).toMatchObject({ type: 'urn:urr:problem:refund-not-captured' });
  });

  it('admins refund through the public API; fans may not', async () => {
    const paymentId = await paidPayment(10_000);
    const asFan = await harness.app.request(`/api/v1/payments/${paymentId}/refunds`, {
      method: 'POST',
      headers: asUser(randomUUID(), { 'content-type': 'application/json' }),
      body: JSON.stringify({ amount: 1000 }),
    });
    expect(asFan.status).toBe(403);
    const asAdminResponse = await harness.app.request(`/api/v1/payments/${paymentId}/refunds`, {
      method: 'POST',
      headers: asAdmin({ 'content-type': 'application/json' }),
      body: JSON.stringify({ amount: 1000, reason: 'goodwill' }),
    });
    expect(asAdminResponse.status).toBe(201);
    expect(await readJson(asAdminResponse)).toMatchObject({ refund: { amount: 1000, reason: 'goodwill' } });
  });
});
