import { accessTokenCookieName } from '@urr/common/auth/access-token';
import { HttpProblem, problemContentType, validationProblem } from '@urr/common/errors/http-problem';
import { vwrTokenCookieName } from '@urr/common/tokens/vwr-token';
import { positionTicketCookieName, positionTicketTtlSeconds } from '@urr/vwr-shared/position-ticket';
import { eventIdPattern } from '@urr/vwr-shared/slots';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import type { Outcome, Proof } from './waiting-room.js';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

const pathSchema = z.object({
  eventId: z.string().regex(eventIdPattern, { error: 'an event id is 1–64 letters, digits, - or _' }),
});

export interface CookieOptions {
  /** Secure cookies (HTTPS only); off for the local edge on plain http. */
  readonly secure: boolean;
}

/** The event id from the route's path parameter; a 400 problem when it is missing or malformed. */
export function eventIdOf(event: ApiEvent): string {
  return validEventId(event.pathParameters?.eventId);
}

/** The event id a path names; a 400 problem when it is missing or malformed. */
export function validEventId(eventId: string | undefined): string {
  if (eventId !== undefined && eventIdPattern.test(eventId)) return eventId;
  const parsed = pathSchema.safeParse({ eventId });
  if (!parsed.success) throw validationProblem(parsed.error, 'param');
  return parsed.data.eventId;
}

/** The fan's access token: the auth cookie the site sets, or a bearer token from other clients. */
export function accessTokenOf(event: ApiEvent): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(event.headers?.authorization ?? '')?.[1];
  return bearer ?? cookieOf(event, accessTokenCookieName);
}

const proofSchema = z.object({
  challenge: z.string().min(1).max(512),
  solution: z.string().regex(/^[0-9]{1,20}$/, { error: 'the solution is the counter that solves it' }),
});

/** The solved challenge assign carries as its JSON body; undefined when there is none; 400 when malformed. */
export function proofOf(event: ApiEvent): Proof | undefined {
  if (!event.body) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(
      event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
    );
  } catch {
    throw new HttpProblem(400, {
      type: 'urn:urr:problem:validation',
      title: 'Bad Request',
      detail: 'the body is not JSON',
    });
  }
  const parsed = proofSchema.safeParse(json);
  if (!parsed.success) throw validationProblem(parsed.error, 'json');
  return parsed.data;
}

export const jsonResult = (body: unknown): ApiResult => ({
  statusCode: 200,
  headers: jsonHeaders,
  body: JSON.stringify(body),
});

/** API Gateway (payload v2) hands cookies over as `name=value` strings. */
export function cookieOf(event: ApiEvent, name: string): string | undefined {
  for (const cookie of event.cookies ?? []) {
    const separator = cookie.indexOf('=');
    if (separator > 0 && cookie.slice(0, separator).trim() === name)
      return cookie.slice(separator + 1).trim();
  }
  return undefined;
}

/** The first cookie called `name` in a `Cookie` header, read as API Gateway splits it into `cookies`. */
export function cookieInHeader(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (let start = 0; start < header.length; ) {
    const semicolon = header.indexOf(';', start);
    const end = semicolon < 0 ? header.length : semicolon;
    const separator = header.indexOf('=', start);
    if (separator >= 0 && separator < end && header.slice(start, separator).trim() === name)
      return header.slice(separator + 1, end).trim();
    start = end + 1;
  }
  return undefined;
}

function cookie(name: string, value: string, path: string, maxAgeSeconds: number, options: CookieOptions) {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
}

export const ticketCookie = (eventId: string, ticket: string, options: CookieOptions) =>
  cookie(positionTicketCookieName(eventId), ticket, '/vwr-api/', positionTicketTtlSeconds, options);

export const clearedTicketCookie = (eventId: string, options: CookieOptions) =>
  cookie(positionTicketCookieName(eventId), '', '/vwr-api/', 0, options);

const noStore = { 'cache-control': 'no-store' };
const jsonHeaders = Object.freeze({ 'content-type': 'application/json', ...noStore });

export function outcomeResult(
  eventId: string,
  outcome: Outcome,
  options: CookieOptions,
  now: number,
): ApiResult {
  const cookies: string[] = [];
  if ('ticket' in outcome && outcome.ticket) cookies.push(ticketCookie(eventId, outcome.ticket, options));
  let body: Record<string, unknown>;
  switch (outcome.status) {
    case 'admitted':
      cookies.push(
        cookie(vwrTokenCookieName, outcome.token, '/', Math.ceil((outcome.expiresAt - now) / 1000), options),
      );
      body = {
        status: 'admitted',
        eventId,
        position: outcome.position,
        expiresAt: new Date(outcome.expiresAt).toISOString(),
      };
      break;
    case 'waiting':
      body = {
        status: 'waiting',
        eventId,
        position: outcome.position,
        ahead: outcome.ahead,
        etaSeconds: outcome.etaSeconds,
        pollAfterSeconds: outcome.pollAfterSeconds,
        paused: outcome.paused,
      };
      break;
    case 'pre-queue':
      body = {
        status: 'pre-queue',
        eventId,
        opensAt: new Date(outcome.opensAt).toISOString(),
        pollAfterSeconds: outcome.pollAfterSeconds,
      };
      break;
    case 'sold-out':
      body = { status: 'sold-out', eventId };
      break;
  }
  return {
    statusCode: 200,
    headers: jsonHeaders,
    cookies,
    body: JSON.stringify(body),
  };
}

export function problemResult(problem: HttpProblem, instance: string): ApiResult {
  return {
    statusCode: problem.status,
    headers: { 'content-type': problemContentType, ...noStore, ...problem.headers },
    body: JSON.stringify({ ...problem.toJSON(), instance }),
  };
}

/**
 * Runs a route, rendering an {@link HttpProblem} as RFC 9457 problem JSON whose instance is the request's
 * path; anything else is a 500 Lambda error.
 */
export async function respond(
  request: { readonly rawPath: string },
  route: () => Promise<ApiResult>,
): Promise<ApiResult> {
  try {
    return await route();
  } catch (error) {
    if (error instanceof HttpProblem) return problemResult(error, request.rawPath);
    throw error;
  }
}
