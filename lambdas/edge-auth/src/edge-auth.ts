import { isBookingWrite } from '@urr/common/queue/booking-writes';
import { entryTokenCookieName, verifyEntryToken } from '@urr/common/tokens/entry-token';
import { verifyVwrToken, vwrTokenCookieName } from '@urr/common/tokens/vwr-token';
import type { CloudFrontRequest, CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { cookiesOf, headerOf, problem, redirect } from './cloudfront.js';
import type { EdgeKeys } from './edge-keys.js';
import { canonical, normalizePath, protectionOf, queueEntryEventOf } from './edge-rules.js';

/** Same alphabet as the waiting room's event ids; anything else never reaches a Location header. */
const eventIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const eventIdHeader = 'x-event-id';

export interface EdgeAuthOptions {
  readonly loadKeys: () => Promise<EdgeKeys>;
}

type EventIdLookup = { readonly eventId?: string; readonly malformed?: true };

/**
 * Which sale a request belongs to: the `x-event-id` header the frontend sends on event-scoped calls, else
 * the `eventId` query parameter. A request naming no sale has no waiting room to pass and goes on.
 */
export function eventIdOf(request: CloudFrontRequest): EventIdLookup {
  const candidate =
    headerOf(request, eventIdHeader) ?? new URLSearchParams(request.querystring).get('eventId');
  if (candidate === null || candidate === undefined || candidate === '') return {};
  return eventIdPattern.test(candidate) ? { eventId: candidate } : { malformed: true };
}

/**
 * The sale a request must hold passes for, never from what a client may leave out: a queue entry names it
 * in its path, a booking write in its entry token (verified here); other APIs in `x-event-id` when sent.
 */
async function saleOf(
  request: CloudFrontRequest,
  path: string,
  protection: 'tier1' | 'tier2',
  entryToken: string | undefined,
  keys: EdgeKeys,
): Promise<EventIdLookup & { readonly noPass?: true; readonly entryPass?: true }> {
  const queued = queueEntryEventOf(path);
  if (queued !== undefined) return eventIdPattern.test(queued) ? { eventId: queued } : { malformed: true };
  const named = eventIdOf(request);
  if (protection === 'tier1' || !isBookingWrite(request.method, canonical(path))) return named;
  if (entryToken)
    try {
      const { eventId } = await verifyEntryToken(entryToken, keys.entryTokenSecret);
      return { eventId, entryPass: true };
    } catch {
      // Falls through: an invalid pass is no pass.
    }
  return named.eventId || named.malformed ? named : { noPass: true };
}

async function holdsPass(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

/**
 * The viewer-request handler on `/api/*`: Tier 1 (`urr-vwr-token`) for entering a sale's queue and for
 * other non-exempt paths that name a sale; the fan's booking writes need a valid Tier-2 entry pass
 * (`urr-entry-token`), whose own sale they belong to. Missing, forged, expired or other-event tokens send
 * the browser to the static waiting page or the queue page of the sale.
 */
export function createEdgeAuthHandler(options: EdgeAuthOptions) {
  return async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> => {
    const request = event.Records[0]!.cf.request;
    const path = normalizePath(request.uri);
    request.uri = path;
    const protection = protectionOf(path);
    if (protection === 'exempt') return request;
    const keys = await options.loadKeys();
    const cookies = cookiesOf(request.headers);
    const sale = await saleOf(request, path, protection, cookies.get(entryTokenCookieName), keys);
    if (sale.malformed)
      return problem(400, 'Invalid request', `Invalid ${eventIdHeader}: 1–64 letters, digits, - or _`);
    if (sale.noPass)
      return problem(403, 'Forbidden', 'Join the waiting room and the queue of this sale first.');
    // A valid entry pass was issued on entering the sale's queue, which took its Tier-1 pass; that pass
    // lives 600 s from the Tier-1 admission and a wait in Tier 2 can be longer, so it is not asked again.
    if (sale.entryPass) return request;
    const { eventId } = sale;
    if (!eventId) return request;

    const vwrToken = cookies.get(vwrTokenCookieName);
    const returnTo =
      request.method === 'GET'
        ? `?returnTo=${encodeURIComponent(path + (request.querystring ? `?${request.querystring}` : ''))}`
        : '';
    if (!vwrToken || !(await holdsPass(() => verifyVwrToken(vwrToken, keys.vwrKeyring, { eventId }))))
      return redirect(`/vwr/${eventId}${returnTo}`);
    if (protection === 'tier1' || !isBookingWrite(request.method, canonical(path))) return request;
    // A booking write without a valid entry pass: line up in the sale's queue first.
    return redirect(`/queue/${eventId}`);
  };
}
