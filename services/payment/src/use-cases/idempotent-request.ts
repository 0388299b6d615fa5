import { HttpProblem, type Logger, problemContentType } from '@urr/common';
import type { IdempotencyStore, KeyedRequest, StoredResponse } from '../db/idempotency-store.js';
import type { RequestFingerprint } from '../domain/request-fingerprint.js';

export const idempotencyKeyHeader = 'idempotency-key';
/** Set on every answer of a keyed request: `true` when it is the stored answer of an earlier one. */
export const idempotentReplayedHeader = 'idempotent-replayed';

/** What keyed routes share: where keys are kept, and how two requests are told apart. */
export interface IdempotencyKeys {
  readonly store: IdempotencyStore;
  readonly fingerprint: RequestFingerprint;
}

/** A thrown problem (or crash) as the response it becomes, so it is stored and replayed like a success. */
function responseOfError(error: unknown, instance: string, logger: Logger): StoredResponse {
  const problem =
    error instanceof HttpProblem
      ? error
      : new HttpProblem(500, { title: 'Internal Server Error', detail: 'the request failed' });
  if (!(error instanceof HttpProblem)) logger.error({ err: error }, 'keyed request failed');
  return {
    status: problem.status,
    contentType: problemContentType,
    body: { ...problem.toJSON(), instance: problem.problem.instance ?? instance },
  };
}

/**
 * Runs `execute` once per idempotency key, with Stripe's semantics: a retry with the same request gets the
 * stored response (errors and 5xx included), the same key with another request gets 422, and a retry while
 * the first is still running gets 409.
 */
export async function runIdempotent(
  store: IdempotencyStore,
  request: KeyedRequest & { readonly instance: string; readonly logger: Logger },
  execute: () => Promise<StoredResponse>,
): Promise<{ readonly response: StoredResponse; readonly replayed: boolean }> {
  const claim = await store.claim(request);
  switch (claim.kind) {
    case 'mismatch':
      throw new HttpProblem(422, {
        type: 'urn:urr:problem:idempotency-key-reused',
        title: 'Idempotency key reused',
        detail: 'this Idempotency-Key was used with a different request; use a new key for a new request',
      });
    case 'in-flight':
      throw new HttpProblem(
        409,
        {
          type: 'urn:urr:problem:idempotency-key-in-use',
          title: 'Request in progress',
          detail: 'a request with this Idempotency-Key is still being processed; retry shortly',
        },
        { 'retry-after': '1' },
      );
    case 'replay':
      return { response: claim.response, replayed: true };
    case 'claimed': {
      let response: StoredResponse;
      try {
        response = await execute();
      } catch (error) {
        response = responseOfError(error, request.instance, request.logger);
      }
      await store.complete(request, response);
      return { response, replayed: false };
    }
  }
}
