import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargeOutcome } from '../domain/payment-state.js';
import { type PaymentHarness, startPaymentHarness } from '../testing/payment-harness.js';
import { settlePaymentCharge } from './settle-charge.js';

/** Settling a charge's outcome from its answer, its webhook or a poll, on the real Postgres. */
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

describe("settling a charge's outcome", () => {
  it('settles an outcome it does not know yet, and a repeat of it changes nothing', async () => {
    const paymentId = await chargeUnderWay();
    const outcome = succeeded();
    const first = await settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome });
    expect(first).toMatchObject({ status: 'succeeded', pspChargeId: outcome.chargeId });
    const again = await settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome });
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
          settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome }),
          settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome }),
        ];
      }),
    );
    for (const paymentId of paymentIds) expect(await outboxTypes(paymentId)).toEqual(['payment.succeeded']);
  });

  it('a poll of a timed-out charge that still knows nothing leaves it failed; a late success still captures', async () => {
    const paymentId = await chargeUnderWay();
    await settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome: timedOut });
    const polled = await settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome: timedOut });
    expect(polled).toMatchObject({ status: 'failed', failureReason: 'timeout' });
    const late = await settlePaymentCharge(harness.context, paymentId, { attempt: 1, outcome: succeeded() });
    expect(late).toMatchObject({ status: 'succeeded' });
    expect(await outboxTypes(paymentId)).toEqual(['payment.failed', 'payment.succeeded']);
  });

  it('answers undefined for a payment it does not have', async () => {
    expect(
      await settlePaymentCharge(harness.context, randomUUID(), { attempt: 1, outcome: succeeded() }),
    ).toBeUndefined();
  });
});
