import { InternalCallError, type Logger, UpstreamProblemError } from '@urr/common';
import { type PaymentInternalClient, refundKeyOf } from '../clients/payment-client.js';
import type { TicketContext } from '../context.js';
import {
  claimDueRefunds,
  type RefundReason,
  type RefundRequestRow,
  settleRefundRequest,
} from '../db/refund-request-store.js';
import { type BatchLoop, loopBatches } from './batch-loop.js';

export interface RefundJobOptions {
  readonly deps: Pick<TicketContext, 'db' | 'now'>;
  readonly payments: PaymentInternalClient;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** @default 20 */
  readonly batchSize?: number;
  /** How long a claimed request is left to this job before another may take it. @default 60 s */
  readonly leaseMs?: number;
  /** The longest wait between two attempts. @default 5 min */
  readonly maxBackoffMs?: number;
}

export interface RefundJob extends BatchLoop {
  /** Asks payment-service for one batch of due refunds; returns how many it tried. */
  readonly runOnce: () => Promise<number>;
}

/**
 * payment-service answers the same way whatever the retry (idempotency key), so these answers will not
 * change: the request needs a person. Anything else (down, timeout, the key in use) is retried.
 */
function isFinal(error: unknown): boolean {
  if (!(error instanceof UpstreamProblemError)) return false;
  if (error.status === 502) return error.problem.type === 'urn:urr:problem:refund-failed';
  return (
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.problem.type !== 'urn:urr:problem:idempotency-key-in-use'
  );
}

/** What payment-service records as the refund's reason. */
const reasons: Record<RefundReason, string> = {
  cancelled: 'the reservation was cancelled',
  'late-payment': 'reservation not kept: the payment succeeded after the hold ended',
  'amount-mismatch': 'reservation not kept: the payment was not of the reservation’s amount',
};

/**
 * Gives back the payments requested in `refund_requests` (written in the transaction that cancelled a
 * paid reservation, or by the payment-events consumer for a success no reservation kept): one refund per
 * payment, under the payment's idempotency key, retried with backoff while payment-service is
 * unreachable. docs/adr/0010.
 */
export function createRefundJob(options: RefundJobOptions): RefundJob {
  const { deps, payments, logger } = options;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxBackoffMs = options.maxBackoffMs ?? 300_000;

  const attempt = async (request: RefundRequestRow) => {
    try {
      const answer = await payments.refund(request.paymentId, {
        idempotencyKey: refundKeyOf(request.paymentId),
        reason: reasons[request.reason as RefundReason] ?? request.reason,
      });
      await settleRefundRequest(deps.db.primary, request.paymentId, {
        status: 'done',
        refundId: answer.outcome === 'already-refunded' ? null : answer.refundId,
        now: deps.now(),
      });
      logger.info(
        { paymentId: request.paymentId, reservationId: request.reservationId, outcome: answer.outcome },
        'payment refunded',
      );
    } catch (error) {
      if (!(error instanceof InternalCallError)) throw error;
      if (isFinal(error)) {
        await settleRefundRequest(deps.db.primary, request.paymentId, {
          status: 'failed',
          error: error.message,
          now: deps.now(),
        });
        logger.error(
          { err: error, paymentId: request.paymentId, reservationId: request.reservationId },
          'payment-service refused a refund; someone has to look at it',
        );
        return;
      }
      const backoffMs = Math.min(maxBackoffMs, options.intervalMs * 2 ** request.attempts);
      await settleRefundRequest(deps.db.primary, request.paymentId, {
        status: 'pending',
        error: error.message,
        nextAttemptAt: new Date(deps.now().getTime() + backoffMs),
      });
      logger.warn(
        { err: error, paymentId: request.paymentId, retryInMs: backoffMs },
        'refund not done yet; retrying',
      );
    }
  };

  const runOnce = async () => {
    const due = await claimDueRefunds(deps.db.primary, deps.now(), batchSize, leaseMs);
    await Promise.all(due.map(attempt));
    return due.length;
  };

  return {
    runOnce,
    ...loopBatches({ name: 'refunds', runBatch: runOnce, batchSize, intervalMs: options.intervalMs, logger }),
  };
}
