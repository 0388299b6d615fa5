import { AccessTokenError, type AccessTokenVerifier } from '@urr/common/auth/access-token-verifier';
import { HttpProblem } from '@urr/common/errors/http-problem';
import { positionTicketCookieName } from '@urr/vwr-shared/position-ticket';
import { clientAddressOf } from './client-address.js';
import type { VwrApiDeps } from './deps.js';
import {
  type ApiEvent,
  type ApiResult,
  accessTokenOf,
  clearedTicketCookie,
  cookieOf,
  eventIdOf,
  jsonResult,
  outcomeResult,
  proofOf,
  respond,
  validEventId,
} from './http.js';

export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

const signInProblem = (detail: string, type = 'sign-in-required') =>
  new HttpProblem(401, { type: `urn:urr:problem:${type}`, title: 'Sign in first', detail });

/** The signed-in fan's account id; a 401 problem (or 503 while auth's keys cannot be had) otherwise. */
async function accountOf(accessTokens: AccessTokenVerifier, event: ApiEvent): Promise<string> {
  const token = accessTokenOf(event);
  if (!token) throw signInProblem('Sign in to join the waiting room: each account holds one place.');
  try {
    return (await accessTokens.verify(token)).id;
  } catch (error) {
    if (!(error instanceof AccessTokenError)) throw error;
    if (error.reason === 'keys-unavailable')
      throw new HttpProblem(503, {
        type: 'urn:urr:problem:auth-keys-unavailable',
        title: 'Service Unavailable',
        detail: 'Sign-in cannot be checked right now; try again in a moment.',
      });
    throw error.reason === 'expired'
      ? signInProblem('Your sign-in expired; refresh it and join again.', 'access-token-expired')
      : signInProblem('Your sign-in is not valid; sign in again.', 'access-token-invalid');
  }
}

/** POST /vwr-api/vwr/assign/{eventId}: join the waiting room (or be let in at once when it is quiet). */
export const assignRoute =
  (deps: () => VwrApiDeps): ApiHandler =>
  (event) =>
    respond(event, async () => {
      const { waitingRoom, accessTokens, assignLimiter, originSecret, cookies, clock } = deps();
      const eventId = eventIdOf(event);
      const account = await accountOf(accessTokens, event);
      const retryAfter = await assignLimiter.admit(account, clientAddressOf(event, originSecret), clock());
      if (retryAfter !== undefined)
        throw new HttpProblem(
          429,
          {
            type: 'urn:urr:problem:vwr-assign-rate-limited',
            title: 'Too Many Requests',
            detail: 'Too many tries to join from this account or network; wait a moment.',
          },
          { 'retry-after': String(retryAfter) },
        );
      const outcome = await waitingRoom.assign(
        eventId,
        cookieOf(event, positionTicketCookieName(eventId)),
        account,
        proofOf(event),
      );
      return outcomeResult(eventId, outcome, cookies, clock());
    });

/** GET /vwr-api/vwr/challenge/{eventId}: the proof-of-work to solve before assign (docs/adr/0008). */
export const challengeRoute =
  (deps: () => VwrApiDeps): ApiHandler =>
  (event) =>
    respond(event, async () => {
      const { waitingRoom, accessTokens } = deps();
      const eventId = eventIdOf(event);
      const account = await accountOf(accessTokens, event);
      return jsonResult(await waitingRoom.challenge(eventId, account));
    });

/** What the check route reads from a request, whatever carried it. */
export interface CheckRequest {
  /** The `{eventId}` path parameter, as yet unchecked. */
  readonly eventId: string | undefined;
  readonly cookie: (name: string) => string | undefined;
  /** The request's path, the instance of a problem answer. */
  readonly rawPath: string;
}

/**
 * The check route's answer: the Lambda's, and the local edge's without an API Gateway event in between
 * (docs/adr/0043).
 */
export const checkAnswer =
  (deps: () => VwrApiDeps) =>
  (request: CheckRequest): Promise<ApiResult> =>
    respond(request, async () => {
      const { waitingRoom, cookies, clock } = deps();
      const eventId = validEventId(request.eventId);
      const outcome = await waitingRoom.check(eventId, request.cookie(positionTicketCookieName(eventId)));
      return outcomeResult(eventId, outcome, cookies, clock());
    });

/** GET /vwr-api/vwr/check/{eventId}: position, people ahead, ETA, poll hint; the vwr token once admitted. */
export const checkRoute = (deps: () => VwrApiDeps): ApiHandler => {
  const answer = checkAnswer(deps);
  return (event) =>
    answer({
      eventId: event.pathParameters?.eventId,
      cookie: (name) => cookieOf(event, name),
      rawPath: event.rawPath,
    });
};

/** POST /vwr-api/vwr/leave/{eventId}: give the place up; its slot goes to the next in line. */
export const leaveRoute =
  (deps: () => VwrApiDeps): ApiHandler =>
  (event) =>
    respond(event, async () => {
      const { waitingRoom, cookies } = deps();
      const eventId = eventIdOf(event);
      await waitingRoom.leave(eventId, cookieOf(event, positionTicketCookieName(eventId)));
      return {
        statusCode: 204,
        headers: { 'cache-control': 'no-store' },
        cookies: [clearedTicketCookie(eventId, cookies)],
      };
    });

/** The HTTP API's routes (API Gateway route keys), for the CDK stack and the local edge alike. */
export const vwrApiRoutes = [
  { routeKey: 'GET /vwr-api/vwr/challenge/{eventId}', route: challengeRoute },
  { routeKey: 'POST /vwr-api/vwr/assign/{eventId}', route: assignRoute },
  { routeKey: 'GET /vwr-api/vwr/check/{eventId}', route: checkRoute },
  { routeKey: 'POST /vwr-api/vwr/leave/{eventId}', route: leaveRoute },
] as const;
