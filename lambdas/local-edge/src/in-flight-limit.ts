import type { ServerResponse } from 'node:http';
import { problemContentType } from '@urr/common/errors/http-problem';

/**
 * At most `limit` waiting-room calls in this edge at once, as a Lambda function's concurrency bounds them
 * in AWS; one over the limit is answered at once with 503 and Retry-After, the way a throttled call is, and
 * not queued behind the others (docs/adr/0028). A queue without a bound turns a burst into answers later
 * than the fans wait for, and their retries into more work than the burst itself.
 */
export function inFlightLimit(limit: number, retryAfterSeconds: number) {
  let inFlight = 0;
  const busy = JSON.stringify({
    type: 'urn:urr:problem:vwr-busy',
    title: 'The waiting room is busy',
    status: 503,
    detail: `Too many calls at this moment; try again in ${retryAfterSeconds} s. A place you hold is kept.`,
    retryAfter: retryAfterSeconds,
  });
  return {
    /** Counts the call in until its answer is done (true), or answers it busy (false). */
    admit(outgoing: ServerResponse): boolean {
      if (inFlight >= limit) {
        outgoing.writeHead(503, {
          'content-type': problemContentType,
          'cache-control': 'no-store',
          'retry-after': String(retryAfterSeconds),
          'content-length': Buffer.byteLength(busy),
        });
        outgoing.end(busy);
        return false;
      }
      inFlight += 1;
      outgoing.once('close', () => {
        inFlight -= 1;
      });
      return true;
    },
    get inFlight(): number {
      return inFlight;
    },
  };
}
