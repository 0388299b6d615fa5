import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargeOutcome } from '../domain/payment-state.js';
import { type PaymentHarness, startPaymentHarness } from '../testing/payment-harness.js';
import { settlePaymentCharge } from './settle-charge.js';

/** Settling a charge's outcome, with and without the read that skips a known one, on the real Postgres. */
let harness: PaymentHarness;
beforeAll(async () => {
  harness = await startPaymentHarness({ maxChargeAttempts: 3 });
});
afterAll(async () => {
  await harness?.close();
});

const succeeded = (): Extract<ChargeOutcome, { kind: 'succeeded' }> => ({
  kind: 'succeeded',
  chargeId: `ch_${randomUUID()}`,
});
const timedOut: ChargeOutcome = { kind: 'timeout' };

/** A payment whose charge `attempt` is under way at the PSP, as a confirm leaves it before the answer. */
async function chargeUnderWay(attempt = 1) {
  const { paymentId } = await harness.createPayment({ reservationId: randomUUID() });
  await harness.db.primary.execute(
    sql`update payments set status = 'processing', charge_attempts = ${attempt}, charge_started_at = now() where id = ${paymentId}`,
  );
  return paymentId;
}

async function outboxTypes(paymentId: string): Promise<string[]> {
  const { rows } = await harness.db.primary.execute<{ type: string }>(
    sql`select envelope->>'type' as type from outbox where envelope->'payload'->>'paymentId' = ${paymentId} order by id`,
  );
  return rows.map((row) => row.type);
}

describe('settling a charge that is likely known', () => {
  it('settles an outcome it does not know yet, and a repeat of it changes nothing', async () => {
    const paymentId = await chargeUnderWay();
    const outcome = succeeded();
    const first = await settlePaymentCharge(
      harness.context,
      paymentId,
      { attempt: 1, outcome },
      { likelyKnown: true },
    );
    expect(first).toMatchObject({ status: 'succeeded', pspChargeId: outcome.chargeId });
    const again = await settlePaymentCharge(
      harness.context,
      paymentId,
      { attempt: 1, outcome },
      { likelyKnown: true },
    );
    expect(again).toMatchObject({ status: 'succeeded' });
    expect(await outboxTypes(paymentId)).toEqual(['payment.succeeded']);
  });

  it('the answer and the webhook of one charge racing: one capture, one event', async () => {
    const paymentIds = await Promise.all(Array.from({ length: 8 }, () => chargeUnderWay()));
    await Promise.all(
      paymentIds.flatMap((paymentId) => {
        const outcome = succeeded();
        return [
          settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome }),
          settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome }, { likelyKnown: true }),
          settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome }, { likelyKnown: true }),
        ];
      }),
    );
    for (const paymentId of paymentIds) expect(await outboxTypes(paymentId)).toEqual(['payment.succeeded']);
  });

  it('an outcome for an attempt whose start is not committed yet waits for it instead of being dropped', async () => {
    const paymentId = await chargeUnderWay(1);
    const outcome = succeeded();
    let settling: Promise<unknown> | undefined;
    await harness.db.primary.transaction(async (tx) => {
      // A confirm's transaction moving the payment to its second attempt, not yet committed.
      await tx.execute(sql`update payments set charge_attempts = 2 where id = ${paymentId}`);
      settling = settlePaymentCharge(
        harness.context,
        paymentId,
        { attempt: 2, outcome },
        { likelyKnown: true },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect(await settling).toMatchObject({ status: 'succeeded', chargeAttempts: 2 });
    expect(await outboxTypes(paymentId)).toEqual(['payment.succeeded']);
  });

  it('a poll of a timed-out charge that still knows nothing leaves it failed; a late success still captures', async () => {
    const paymentId = await chargeUnderWay();
    await settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome: timedOut });
    const polled = await settlePaymentCharge(
      harness.context,
      paymentId,
      { attempt: 1, outcome: timedOut },
      { likelyKnown: true },
    );
    expect(polled).toMatchObject({ status: 'failed', failureReason: 'timeout' });
    const late = await settlePaymentCharge(
      harness.context,
      paymentId,
      { attempt: 1, outcome: succeeded() },
      { likelyKnown: true },
    );
    expect(late).toMatchObject({ status: 'succeeded' });
    expect(await outboxTypes(paymentId)).toEqual(['payment.failed', 'payment.succeeded']);
  });

  it('answers undefined for a payment it does not have', async () => {
    expect(
      await settlePaymentCharge(
        harness.context,
        randomUUID(),
        { attempt: 1, outcome: succeeded() },
        { likelyKnown: true },
      ),
    ).toBeUndefined();
  });
});
