import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@urr/common';
import { freePort } from '@urr/common/testing/free-port';
import { captureLogs } from '@urr/common/testing/log-capture';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  type CommunityDatabase,
  internalApiToken,
  prepareCommunityDatabase,
  startCommunity,
  startTicketStandIn,
  type TicketStandIn,
  userOf,
} from '../testing/fixtures.js';

const { logger } = captureLogs('community-test');
const token = internalApiToken();
let db: CommunityDatabase;
let ticket: TicketStandIn;
let community: RunningServer;
let catalogUrl: string;
let communityWithTicketDown: RunningServer;

const holder = userOf();
const stranger = userOf();
const eventId = randomUUID();
const otherEventId = randomUUID();

const postReview = (
  user: ReturnType<typeof userOf>,
  event: string,
  body: unknown,
  server: RunningServer = community,
) =>
  fetch(`${server.url}/api/v1/community/events/${event}/reviews`, {
    method: 'POST',
    headers: as(user),
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  db = await prepareCommunityDatabase();
  ticket = await startTicketStandIn({ token, logger });
  ticket.confirmed.add(`${holder.id}/${eventId}`);
  // Reviews never ask catalog-service (a confirmed reservation vouches for the event); pointing at nothing proves it.
  catalogUrl = `http://127.0.0.1:${await freePort()}`;
  community = await startCommunity({ db, logger, ticketUrl: ticket.server.url, catalogUrl, token });
  communityWithTicketDown = await startCommunity({
    db,
    logger,
    ticketUrl: `http://127.0.0.1:${await freePort()}`,
    catalogUrl,
    token,
  });
});

afterAll(async () => {
  await community?.shutdown();
  await communityWithTicketDown?.shutdown();
  await ticket?.server.shutdown();
  await db?.drop();
});

describe('reviews need a confirmed reservation (acceptance 6)', () => {
  it('refuses a review from a user without a confirmed reservation for that event with 403', async () => {
    const response = await postReview(stranger, eventId, { rating: 5, body: 'Best night ever' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await readJson(response)).toMatchObject({
      type: 'urn:urr:problem:no-confirmed-reservation',
      status: 403,
    });
    // A holder of another event's reservation is no holder of this one.
    const elsewhere = await postReview(holder, otherEventId, { rating: 4, body: 'Not there' });
    expect(elsewhere.status).toBe(403);
    expect(ticket.calls).toContainEqual({ userId: stranger.id, eventId });
  });

  it('accepts the review of a confirmed holder with 201, once', async () => {
    const response = await postReview(holder, eventId, { rating: 4, body: '  Great sound, long queue  ' });
    expect(response.status).toBe(201);
    const review = await readJson(response);
    expect(review).toMatchObject({
      eventId,
      authorId: holder.id,
      rating: 4,
      body: 'Great sound, long queue',
    });

    const again = await postReview(holder, eventId, { rating: 5, body: 'Changed my mind' });
    expect(again.status).toBe(409);

    const listed = await readJson(await fetch(`${community.url}/api/v1/community/events/${eventId}/reviews`));
    expect(listed).toMatchObject({
      items: [{ id: review.id, rating: 4 }],
      total: 1,
      summary: { count: 1, averageRating: 4 },
    });
  });

  it('answers 503 and never lets a review in when ticket-service is down or failing', async () => {
    const someone = userOf();
    const down = await postReview(someone, eventId, { rating: 3, body: 'ok' }, communityWithTicketDown);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect((await readJson(down)).type).toBe('urn:urr:problem:reservation-check-unavailable');

    ticket.failing = true;
    try {
      const failing = await postReview(someone, eventId, { rating: 3, body: 'ok' });
      expect(failing.status).toBe(503);
    } finally {
      ticket.failing = false;
    }
    const listed = await readJson(await fetch(`${community.url}/api/v1/community/events/${eventId}/reviews`));
    expect(listed.items.map((item: { authorId: string }) => item.authorId)).not.toContain(someone.id);
  });

  it('asks ticket-service with the internal token (a wrong token is refused there, and so is the review)', async () => {
    const wrongToken = await startCommunity({
      db,
      logger,
      ticketUrl: ticket.server.url,
      catalogUrl,
      token: internalApiToken(),
    });
    try {
      const response = await postReview(holder, otherEventId, { rating: 2, body: 'x' }, wrongToken);
      expect(response.status).toBe(503);
    } finally {
      await wrongToken.shutdown();
    }
  });

  it('needs a signed-in user and a rating from 1 to 5 with some text', async () => {
    const anonymous = await fetch(`${community.url}/api/v1/community/events/${eventId}/reviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 5, body: 'hi' }),
    });
    expect(anonymous.status).toBe(401);

    const cases: [unknown, string][] = [
      [{ rating: 6, body: 'too good' }, 'rating'],
      [{ rating: 0, body: 'bad' }, 'rating'],
      [{ rating: 4.5, body: 'half' }, 'rating'],
      [{ rating: 4, body: '   ' }, 'body'],
      [{ rating: 4 }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await postReview(holder, otherEventId, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = await readJson(response);
      expect(problem.errors.map((error: { path: string }) => error.path)).toEqual([field]);
      expect(problem.detail).toContain(field);
    }
  });

  it('lets the author edit and delete their review, nobody else', async () => {
    const author = userOf();
    const event = randomUUID();
    ticket.confirmed.add(`${author.id}/${event}`);
    const review = await readJson(await postReview(author, event, { rating: 2, body: 'meh' }));

    const url = `${community.url}/api/v1/community/reviews/${review.id}`;
    const byStranger = await fetch(url, {
      method: 'PATCH',
      headers: as(stranger),
      body: JSON.stringify({ rating: 1 }),
    });
    expect(byStranger.status).toBe(403);
    const empty = await fetch(url, { method: 'PATCH', headers: as(author), body: '{}' });
    expect(empty.status).toBe(400);
    const edited = await fetch(url, {
      method: 'PATCH',
      headers: as(author),
      body: JSON.stringify({ rating: 3 }),
    });
    expect(await readJson(edited)).toMatchObject({ rating: 3, body: 'meh' });

    expect((await fetch(url, { method: 'DELETE', headers: as(stranger) })).status).toBe(403);
    expect((await fetch(url, { method: 'DELETE', headers: as(author) })).status).toBe(204);
    const listed = await readJson(await fetch(`${community.url}/api/v1/community/events/${event}/reviews`));
    expect(listed).toMatchObject({ items: [], total: 0, summary: { count: 0, averageRating: null } });
  });
});
