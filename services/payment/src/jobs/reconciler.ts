import { outcomeOfCharge } from '../clients/payment-provider.js';
import type { PaymentContext } from '../context.js';
import { findPaymentRow, paymentsToReconcile } from '../db/payment-store.js';
import { stuckPendingRefunds } from '../db/refund-store.js';
import { settleRefund } from '../use-cases/refund-payment.js';
import { settlePaymentCharge } from '../use-cases/settle-charge.js';

export interface ReconcilerOptions {
  /**
   * A charge or refund this old whose outcome is still unknown is looked up at the PSP (its requester died
   * mid-call, or the PSP did not answer). Longer than the PSP timeout, so live calls are left alone.
   */
  readonly stuckAfterMs: number;
  /** @default 100 */
  readonly batchSize?: number;
}

export interface Reconciler {
  /** One pass; returns how many payments and refunds it looked up. Run it periodically (`jobs/periodic`). */
  readonly runOnce: () => Promise<number>;
}

/**
 * Learns the outcomes the PSP did not give in time, by polling it (webhooks may be lost): a charge that
 * timed out and went through after all becomes a late success; a refund left pending is sent again with
 * its idempotency key until the PSP answers it.
 */
export function createReconciler(context: PaymentContext, options: ReconcilerOptions): Reconciler {
  const { db, provider, logger } = context;
  const batchSize = options.batchSize ?? 100;

  const runOnce = async () => {
    const open = await paymentsToReconcile(db, options.stuckAfterMs, batchSize);
    for (const payment of open) {
      try {
        const attempt = payment.chargeAttempts;
        const charge = await provider.findCharge(payment.id, attempt);
        const outcome = charge
          ? (outcomeOfCharge(charge) ?? { kind: 'timeout' as const })
          : { kind: 'error' as const, detail: 'the PSP has no charge for this attempt' };
        await settlePaymentCharge(context, payment.id, { attempt, outcome });
      } catch (error) {
        logger.warn({ err: error, paymentId: payment.id }, 'could not reconcile a payment; will retry');
      }
    }
    const pending = await stuckPendingRefunds(db, options.stuckAfterMs, batchSize);
    for (const refund of pending) {
      try {
        const payment = await findPaymentRow(db, { id: refund.paymentId });
        const outcome = await provider.refund({
          refundId: refund.id,
          chargeId: payment?.pspChargeId ?? '',
          amount: refund.amount,
        });
        await settleRefund(context, refund.id, outcome);
      } catch (error) {
        logger.warn({ err: error, refundId: refund.id }, 'could not reconcile a refund; will retry');
      }
    }
    return open.length + pending.length;
  };

  return { runOnce };
}
