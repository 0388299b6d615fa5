import { positionTicketCookieName } from '@urr/vwr-shared/position-ticket';
import type { VwrApiDeps } from './deps.js';
import {
  type ApiEvent,
  type ApiResult,
  clearedTicketCookie,
  cookieOf,
  eventIdOf,
  outcomeResult,
  respond,
} from './http.js';

export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

/** POST /vwr-api/vwr/assign/{eventId}: join the waiting room (or be let in at once when it is quiet). */
export const assignRoute =
  (deps: () => VwrApiDeps): ApiHandler =>
  (event) =>
    respond(event, async () => {
      const { waitingRoom, cookies, clock } = deps();
      const eventId = eventIdOf(event);
      const outcome = await waitingRoom.assign(eventId, cookieOf(event, positionTicketCookieName(eventId)));
      return outcomeResult(eventId, outcome, cookies, clock());
    });

/** GET /vwr-api/vwr/check/{eventId}: position, people ahead, ETA, poll hint; the vwr token once admitted. */
export const checkRoute =
  (deps: () => VwrApiDeps): ApiHandler =>
  (event) =>
    respond(event, async () => {
      const { waitingRoom, cookies, clock } = deps();
      const eventId = eventIdOf(event);
      const outcome = await waitingRoom.check(eventId, cookieOf(event, positionTicketCookieName(eventId)));
      return outcomeResult(eventId, outcome, cookies, clock());
    });

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
  { routeKey: 'POST /vwr-api/vwr/assign/{eventId}', route: assignRoute },
  { routeKey: 'GET /vwr-api/vwr/check/{eventId}', route: checkRoute },
  { routeKey: 'POST /vwr-api/vwr/leave/{eventId}', route: leaveRoute },
] as const;
