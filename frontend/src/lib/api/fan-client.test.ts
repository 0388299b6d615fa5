import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fanCalls } from './fan-client';
import { createRequester } from './http';
import { ApiProblem, describeError } from './problem';

/** A real HTTP server standing in for the edge: it records each call and answers what the test set. */
let server: Server;
let calls: ReturnType<typeof fanCalls>;
const seen: { method: string; path: string; body: unknown }[] = [];
let answer: { status: number; body?: unknown; type?: string } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    request.on('end', () => {
      seen.push({
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        body: raw ? JSON.parse(raw) : undefined,
      });
      if (answer.body === undefined) response.writeHead(answer.status).end();
      else
        response
          .writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' })
          .end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  calls = fanCalls(createRequester({ baseUrl }));
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

beforeEach(() => {
  seen.length = 0;
  answer = { status: 200, body: {} };
});

const eventId = '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2200';

describe("the fan pages' calls", () => {
  it('write, edit and delete posts, comments and reviews on their community routes', async () => {
    await calls.community.writePost(eventId, { title: '같이 가요', body: '누구 없나요' });
    await calls.community.editComment('c/1', '고쳤어요');
    await calls.community.writeReview(eventId, { rating: 4, body: '좋았어요' });
    answer = { status: 204 };
    await expect(calls.community.deleteReview('r1')).resolves.toBeUndefined();
    await expect(calls.community.deletePost('p1')).resolves.toBeUndefined();
    expect(seen).toEqual([
      {
        method: 'POST',
        path: `/api/v1/community/events/${eventId}/posts`,
        body: { title: '같이 가요', body: '누구 없나요' },
      },
      // An id is one path segment, whatever it holds.
      { method: 'PATCH', path: '/api/v1/community/comments/c%2F1', body: { body: '고쳤어요' } },
      {
        method: 'POST',
        path: `/api/v1/community/events/${eventId}/reviews`,
        body: { rating: 4, body: '좋았어요' },
      },
      { method: 'DELETE', path: '/api/v1/community/reviews/r1', body: undefined },
      { method: 'DELETE', path: '/api/v1/community/posts/p1', body: undefined },
    ]);
  });

  it('page the lists they read', async () => {
    await calls.community.reviews(eventId, 2);
    await calls.community.posts(eventId);
    await calls.artists.list({ q: 'Hana Seo' });
    await calls.artists.list({ size: 100 });
    expect(seen.map((call) => call.path)).toEqual([
      `/api/v1/community/events/${eventId}/reviews?page=2&size=20`,
      `/api/v1/community/events/${eventId}/posts?page=1&size=20`,
      '/api/v1/artists?size=24&q=Hana+Seo',
      '/api/v1/artists?size=100',
    ]);
  });

  it('join a fan club and read an event’s presale schedule', async () => {
    await calls.memberships.join('a1');
    await calls.memberships.presaleSchedule(eventId);
    expect(seen).toEqual([
      { method: 'POST', path: '/api/v1/memberships', body: { artistId: 'a1' } },
      { method: 'GET', path: `/api/v1/memberships/events/${eventId}/schedule`, body: undefined },
    ]);
  });

  it('raise a review refused for want of a paid booking as its problem, worded for the fan', async () => {
    answer = {
      status: 403,
      type: 'application/problem+json',
      body: {
        type: 'urn:urr:problem:no-confirmed-reservation',
        title: 'Forbidden',
        status: 403,
        detail: `only holders of a confirmed reservation for event ${eventId} can review it`,
      },
    };
    const error = await calls.community
      .writeReview(eventId, { rating: 5, body: '!' })
      .catch((thrown) => thrown);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).type).toBe('urn:urr:problem:no-confirmed-reservation');
    expect(describeError(error).title).toBe('예매한 분만 후기를 쓸 수 있습니다');
  });
});
