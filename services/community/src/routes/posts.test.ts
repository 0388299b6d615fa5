import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@urr/common';
import { freePort } from '@urr/common/testing/free-port';
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
  userOf,
} from '../testing/fixtures.js';

const { logger } = captureLogs('community-test');
let db: CommunityDatabase;
let catalog: CatalogStandIn;
let community: RunningServer;
let communityWithCatalogDown: RunningServer;
const author = userOf();
const reader = userOf();

const api = (path: string) => `${community.url}/api/v1/community${path}`;
const send = (method: string, path: string, user: ReturnType<typeof userOf>, body?: unknown) =>
  fetch(api(path), {
    method,
    headers: as(user),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  db = await prepareCommunityDatabase();
  catalog = await startCatalogStandIn({ logger });
  // Posts and comments never ask ticket-service; pointing at nothing proves it.
  const ticketUrl = `http://127.0.0.1:${await freePort()}`;
  const token = internalApiToken();
  community = await startCommunity({ db, logger, ticketUrl, catalogUrl: catalog.server.url, token });
  communityWithCatalogDown = await startCommunity({
    db,
    logger,
    ticketUrl,
    catalogUrl: `http://127.0.0.1:${await freePort()}`,
    token,
  });
});

afterAll(async () => {
  await community?.shutdown();
  await communityWithCatalogDown?.shutdown();
  await catalog?.server.shutdown();
  await db?.drop();
});

describe('posts', () => {
  it('are written only about an event catalog-service knows: 404 for an unknown one, nothing stored', async () => {
    const unknownEvent = randomUUID();
    catalog.unknown.add(unknownEvent);
    const refused = await send('POST', `/events/${unknownEvent}/posts`, author, {
      title: 'Hello',
      body: 'Anyone?',
    });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((await readJson(refused)).type).toBe('urn:urr:problem:event-not-found');
    const listed = await readJson(await fetch(api(`/events/${unknownEvent}/posts`)));
    expect(listed.total).toBe(0);
  });

  it('answers 503 with Retry-After, storing nothing, while catalog-service cannot say whether the event exists', async () => {
    const eventId = randomUUID();
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        fetch(`${communityWithCatalogDown.url}/api/v1/community/events/${eventId}/posts`, {
          method: 'POST',
          headers: as(author),
          body: JSON.stringify({ title: 'Hello', body: 'Anyone?' }),
        }),
      ),
    );
    for (const attempt of attempts) {
      expect(attempt.status).toBe(503);
      expect(attempt.headers.get('retry-after')).toBe('5');
      expect((await readJson(attempt)).type).toBe('urn:urr:problem:event-check-unavailable');
    }
    expect((await readJson(await fetch(api(`/events/${eventId}/posts`)))).total).toBe(0);
  });

  it('pages through an event’s posts newest first, with a total', async () => {
    const eventId = randomUUID();
    const created: string[] = [];
    for (let index = 1; index <= 5; index++) {
      const response = await send('POST', `/events/${eventId}/posts`, author, {
        title: `Post ${index}`,
        body: 'Who else is going?',
      });
      expect(response.status).toBe(201);
      created.push((await readJson(response)).id);
    }
    const pages = await Promise.all(
      [1, 2, 3].map(async (page) =>
        readJson(await fetch(api(`/events/${eventId}/posts?size=2&page=${page}`))),
      ),
    );
    expect(pages.map((page) => page.items.map((post: { title: string }) => post.title))).toEqual([
      ['Post 5', 'Post 4'],
      ['Post 3', 'Post 2'],
      ['Post 1'],
    ]);
    expect(pages.every((page) => page.total === 5 && page.totalPages === 3)).toBe(true);
    expect(pages[0].items[0]).toMatchObject({
      id: created[4],
      eventId,
      authorId: author.id,
      body: 'Who else is going?',
      commentCount: 0,
    });
    const otherEvent = await readJson(await fetch(api(`/events/${randomUUID()}/posts`)));
    expect(otherEvent).toMatchObject({ items: [], total: 0, totalPages: 0 });
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const eventId = randomUUID();
    const cases: [string, string, unknown, string][] = [
      ['POST', `/events/${eventId}/posts`, { title: '', body: 'x' }, 'title'],
      ['POST', `/events/${eventId}/posts`, { title: 'x'.repeat(201), body: 'x' }, 'title'],
      ['POST', `/events/${eventId}/posts`, { title: 'Hi' }, 'body'],
      ['POST', '/posts/not-a-uuid/comments', { body: 'x' }, 'postId'],
      ['POST', '/events/42/posts', { title: 'Hi', body: 'x' }, 'eventId'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await send(method, path, author, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await readJson(response);
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(field);
      expect(problem.detail).toContain(field);
    }
    const badPage = await fetch(api(`/events/${eventId}/posts?size=1000`));
    expect(badPage.status).toBe(400);
    expect((await readJson(badPage)).errors[0].path).toBe('size');
    const notJson = await fetch(api(`/events/${eventId}/posts`), {
      method: 'POST',
      headers: as(author),
      body: '{"title":',
    });
    expect(notJson.status).toBe(400);
  });

  it('needs a signed-in user to write', async () => {
    const response = await fetch(api(`/events/${randomUUID()}/posts`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Hi', body: 'there' }),
    });
    expect(response.status).toBe(401);
  });

  it('lets only the author edit or delete a post; deleting takes its comments along', async () => {
    const post = await readJson(
      await send('POST', `/events/${randomUUID()}/posts`, author, { title: 'Carpool?', body: 'From Suwon' }),
    );
    expect((await send('PATCH', `/posts/${post.id}`, reader, { title: 'Mine now' })).status).toBe(403);
    const empty = await send('PATCH', `/posts/${post.id}`, author, {});
    expect(empty.status).toBe(400);
    expect((await readJson(empty)).errors).toEqual([
      { path: '', message: 'send at least one of title, body' },
    ]);
    const edited = await send('PATCH', `/posts/${post.id}`, author, { body: 'From Suwon, 2 seats left' });
    expect(edited.status).toBe(200);
    expect(await readJson(edited)).toMatchObject({ title: 'Carpool?', body: 'From Suwon, 2 seats left' });
    const comment = await readJson(await send('POST', `/posts/${post.id}/comments`, reader, { body: 'Me!' }));

    expect((await send('DELETE', `/posts/${post.id}`, reader)).status).toBe(403);
    expect((await send('DELETE', `/posts/${post.id}`, author)).status).toBe(204);
    expect((await fetch(api(`/posts/${post.id}`))).status).toBe(404);
    expect((await send('PATCH', `/comments/${comment.id}`, reader, { body: 'still here?' })).status).toBe(
      404,
    );
  });
});

describe('comments', () => {
  it('pages through a post’s comments oldest first and counts them on the post', async () => {
    const post = await readJson(
      await send('POST', `/events/${randomUUID()}/posts`, author, { title: 'Setlist', body: 'Guesses?' }),
    );
    for (const body of ['Celebrity', 'Blueming', 'Love wins all'])
      expect((await send('POST', `/posts/${post.id}/comments`, reader, { body })).status).toBe(201);

    const first = await readJson(await fetch(api(`/posts/${post.id}/comments?size=2`)));
    const second = await readJson(await fetch(api(`/posts/${post.id}/comments?size=2&page=2`)));
    expect([...first.items, ...second.items].map((comment: { body: string }) => comment.body)).toEqual([
      'Celebrity',
      'Blueming',
      'Love wins all',
    ]);
    expect(first).toMatchObject({ total: 3, totalPages: 2 });
    expect((await readJson(await fetch(api(`/posts/${post.id}`)))).commentCount).toBe(3);
  });

  it('lets only the author edit or delete a comment, and refuses comments on a missing post', async () => {
    const post = await readJson(
      await send('POST', `/events/${randomUUID()}/posts`, author, { title: 'Merch', body: 'Lines?' }),
    );
    const comment = await readJson(
      await send('POST', `/posts/${post.id}/comments`, reader, { body: 'Long' }),
    );
    expect((await send('PATCH', `/comments/${comment.id}`, author, { body: 'Short' })).status).toBe(403);
    const edited = await send('PATCH', `/comments/${comment.id}`, reader, { body: 'Very long' });
    expect(await readJson(edited)).toMatchObject({ id: comment.id, body: 'Very long' });
    expect((await send('DELETE', `/comments/${comment.id}`, author)).status).toBe(403);
    expect((await send('DELETE', `/comments/${comment.id}`, reader)).status).toBe(204);
    expect((await readJson(await fetch(api(`/posts/${post.id}/comments`)))).total).toBe(0);

    const missing = await send('POST', `/posts/${randomUUID()}/comments`, reader, { body: 'Hello?' });
    expect(missing.status).toBe(404);
  });
});
