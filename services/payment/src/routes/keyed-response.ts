import type { StoredResponse } from '../db/idempotency-store.js';
import { idempotentReplayedHeader } from '../use-cases/idempotent-request.js';

/** The HTTP answer of a keyed request, marked as a replay or not. */
export function keyedResponse(result: {
  readonly response: StoredResponse;
  readonly replayed: boolean;
}): Response {
  return new Response(JSON.stringify(result.response.body), {
    status: result.response.status,
    headers: {
      'content-type': result.response.contentType,
      [idempotentReplayedHeader]: String(result.replayed),
    },
  });
}

export const jsonStored = (status: number, body: unknown): StoredResponse => ({
  status,
  contentType: 'application/json',
  body,
});
