import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@urr/common';
import { captureLogs } from '@urr/common/testing/log-capture';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  type CatalogStandIn,
  type CommunityDatabase,
  internalApiToken,
  prepareCommunityDatabase,
  startCatalogStandIn,
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
let catalog: CatalogStandIn;
const admin = userOf('admin');
const member = userOf();
const eventId = randomUUID();

const api = (path: string) => `${community.url}/api/v1/community${path}`;
const adminApi = (path: string) => `${community.url}/api/v1/admin/community${path}`;
const send = (url: string, method: string, user: ReturnType<typeof userOf>, body?: unknown) =>
  fetch(url, { method, headers: as(user), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

beforeAll(async () => {
  db = await prepareCommunityDatabase();
  ticket = await startTicketStandIn({ token, logger });
  ticket.confirmed.add(`${member.id}/${eventId}`);
  catalog = await startCatalogStandIn({ logger });
  community = await startCommunity({
    db,
    logger,
    ticketUrl: ticket.server.url,
    catalogUrl: catalog.server.url,
    token,
  });
});

afterAll(async () => {
  await community?.shutdown();
  await catalog?.server.shutdown();
  await ticket?.server.shutdown();
  await db?.drop();
});

describe('moderation', () => {
  it('is for admins only', async () => {
    expect((await fetch(adminApi('/posts'))).status).toBe(401);
    const asMember = await send(adminApi(`/posts/${randomUUID()}/hide`), 'POST', member, { reason: 'spam' });
    expect(asMember.status).toBe(403);
    expect((await readJson(asMember)).type).toBe('urn:urr:problem:forbidden');
  });

  it('hides a post from the public and shows it again', async () => {
    const post = await readJson(
      await send(api(`/events/${eventId}/posts`), 'POST', member, {
        title: 'Cheap tickets!!',
        body: 'dm me',
      }),
    );
    const hidden = await send(adminApi(`/posts/${post.id}/hide`), 'POST', admin, {
      reason: 'ticket scalping',
    });
    expect(hidden.status).toBe(200);
    expect(await readJson(hidden)).toMatchObject({
      contentKind: 'post',
      contentId: post.id,
      action: 'hide',
      adminId: admin.id,
      reason: 'ticket scalping',
    });

    expect((await fetch(api(`/posts/${post.id}`))).status).toBe(404);
    const publicList = await readJson(await fetch(api(`/events/${eventId}/posts`)));
    expect(publicList.items.map((item: { id: string }) => item.id)).not.toContain(post.id);
    expect((await send(api(`/posts/${post.id}/comments`), 'POST', member, { body: 'hi' })).status).toBe(404);
    expect((await send(api(`/posts/${post.id}`), 'PATCH', member, { body: 'legit now' })).status).toBe(404);

    const queue = await readJson(
      await send(adminApi(`/posts?status=hidden&eventId=${eventId}`), 'GET', admin),
    );
    expect(queue.items).toEqual([
      expect.objectContaining({ id: post.id, hiddenReason: 'ticket scalping', hiddenAt: expect.any(String) }),
    ]);

    expect((await send(adminApi(`/posts/${post.id}/unhide`), 'POST', admin)).status).toBe(200);
    expect((await fetch(api(`/posts/${post.id}`))).status).toBe(200);
  });

  it('hides a review from the list and the average, and deletes a comment', async () => {
    const review = await readJson(
      await send(api(`/events/${eventId}/reviews`), 'POST', member, { rating: 1, body: 'offensive words' }),
    );
    expect(review.id).toBeDefined();
    expect(
      (await send(adminApi(`/reviews/${review.id}/hide`), 'POST', admin, { reason: 'abuse' })).status,
    ).toBe(200);
    const reviews = await readJson(await fetch(api(`/events/${eventId}/reviews`)));
    expect(reviews).toMatchObject({ items: [], total: 0, summary: { count: 0, averageRating: null } });
    // Hidden, the review still counts as the member's one review of the event.
    const second = await send(api(`/events/${eventId}/reviews`), 'POST', member, { rating: 5, body: 'nice' });
    expect(second.status).toBe(409);

    const post = await readJson(
      await send(api(`/events/${eventId}/posts`), 'POST', member, { title: 'Parking', body: 'Where?' }),
    );
    const comment = await readJson(
      await send(api(`/posts/${post.id}/comments`), 'POST', member, { body: 'spam' }),
    );
    const deleted = await send(adminApi(`/comments/${comment.id}?reason=advertising`), 'DELETE', admin);
    expect(deleted.status).toBe(204);
    expect((await readJson(await fetch(api(`/posts/${post.id}/comments`)))).total).toBe(0);
    expect((await send(adminApi(`/comments/${comment.id}`), 'DELETE', admin)).status).toBe(404);
  });

  it('keeps a log of every decision, newest first, and refuses a hide without a reason', async () => {
    const post = await readJson(
      await send(api(`/events/${eventId}/posts`), 'POST', member, { title: 'Off topic', body: '...' }),
    );
    const noReason = await send(adminApi(`/posts/${post.id}/hide`), 'POST', admin, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect((await readJson(noReason)).errors[0].path).toBe('reason');
    const badKind = await send(adminApi(`/events/${post.id}/hide`), 'POST', admin, { reason: 'x' });
    expect(badKind.status).toBe(400);
    expect((await readJson(badKind)).errors[0].path).toBe('collection');

    expect((await send(adminApi(`/posts/${post.id}?reason=off+topic`), 'DELETE', admin)).status).toBe(204);
    const log = await readJson(await send(adminApi('/moderation-actions?size=2'), 'GET', admin));
    expect(log.items[0]).toMatchObject({
      contentKind: 'post',
      contentId: post.id,
      action: 'delete',
      reason: 'off topic',
    });
    expect(log.total).toBeGreaterThanOrEqual(2);
    expect(log.items).toHaveLength(2);
  });
});
