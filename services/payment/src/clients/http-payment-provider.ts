import type { ChargeOutcome } from '../domain/payment-state.js';
import {
  attemptOfCharge,
  chargeIdempotencyKey,
  type PaymentProvider,
  type ProviderCharge,
  type RefundOutcome,
} from './payment-provider.js';
import { chargeList, pspCharge, pspError, pspRefund } from './psp-api.js';

export interface HttpPaymentProviderOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** A charge with no answer within this is a `timeout` outcome (its fate is reconciled later). */
  readonly timeoutMs: number;
}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/** The PSP over HTTP: charges, lookups by reference, refunds. */
export function createHttpPaymentProvider(options: HttpPaymentProviderOptions): PaymentProvider {
  const { baseUrl, apiKey, timeoutMs } = options;
  const call = (method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string) =>
    fetch(new URL(path, baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });

  return {
    charge: async (request): Promise<ChargeOutcome> => {
      try {
        const response = await call(
          'POST',
          '/v1/charges',
          {
            reference: request.reference,
            amount: request.amount,
            currency: request.currency,
            card: request.card,
            metadata: { attempt: String(request.attempt) },
            ...(request.description ? { description: request.description } : {}),
          },
          chargeIdempotencyKey(request.reference, request.attempt),
        );
        const body: unknown = await response.json().catch(() => undefined);
        if (response.status === 200 || response.status === 201) {
          const charge = pspCharge.safeParse(body);
          if (charge.success && charge.data.status === 'succeeded')
            return { kind: 'succeeded', chargeId: charge.data.id };
          return { kind: 'error', detail: 'the PSP answered with an unexpected charge' };
        }
        if (response.status === 402) {
          const declined = pspError.safeParse(body);
          return {
            kind: 'declined',
            declineCode: declined.success ? declined.data.error.code : 'card_declined',
            ...(declined.success && declined.data.charge ? { chargeId: declined.data.charge.id } : {}),
          };
        }
        // 202 (still processing) and 504 (the PSP's own timeout) leave the outcome open, like no answer.
        if (response.status === 202 || response.status === 504) return { kind: 'timeout' };
        return { kind: 'error', detail: `the PSP answered ${response.status}` };
      } catch (error) {
        if (isTimeout(error)) return { kind: 'timeout' };
        return { kind: 'error', detail: error instanceof Error ? error.message : String(error) };
      }
    },

    findCharge: async (reference, attempt): Promise<ProviderCharge | undefined> => {
      const response = await call('GET', `/v1/charges?reference=${encodeURIComponent(reference)}`);
      if (!response.ok) throw new Error(`the PSP answered ${response.status} to a charge lookup`);
      return chargeList
        .parse(await response.json())
        .data.find((charge) => attemptOfCharge(charge) === attempt);
    },

    refund: async (request): Promise<RefundOutcome> => {
      try {
        const response = await call(
          'POST',
          '/v1/refunds',
          { charge: request.chargeId, amount: request.amount },
          request.refundId,
        );
        const body: unknown = await response.json().catch(() => undefined);
        const refund = pspRefund.safeParse(body);
        if (response.ok && refund.success) return { kind: 'succeeded', pspRefundId: refund.data.id };
        const error = pspError.safeParse(body);
        const detail = error.success ? error.data.error.message : `the PSP answered ${response.status}`;
        return { kind: response.status >= 500 ? 'unknown' : 'failed', detail };
      } catch (error) {
        return {
          kind: 'unknown',
          detail: isTimeout(error)
            ? 'the PSP did not answer the refund in time'
            : error instanceof Error
              ? error.message
              : String(error),
        };
      }
    },
  };
}
