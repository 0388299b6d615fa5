import { randomUUID } from 'node:crypto';
import { type EventDirectory, UpstreamUnavailableError } from '@urr/common';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueHarness, startQueueHarness } from '../testing/queue-harness.js';

const knownEvents = new Set<string>();
let catalogDown = false;
/** In place of catalog-service: knows the events a test registers, or is down. */
const events: EventDirectory = {
  exists: async (eventId) => {
    if (catalogDown) throw new UpstreamUnavailableError('catalog-service', 'connection refused');
    return knownEvents.has(eventId);
  },
};

describe('queue routes (HTTP, real Redis)', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness({ events, defaults: { maxUsers: 1000, threshold: 0, status: 'open' } });
  });
  afterAll(async () => harness.close());

  const enter = (eventId: string, userId: string) =>
    harness.call('POST', `/api/v1/queue/${eventId}/enter`, userId);
  const status = async (eventId: string, userId: string) =>
    readJson(await harness.call('GET', `/api/v1/queue/${eventId}/status`, userId));

  it('needs the gateway-set user and a well-formed event id', async () => {
    const anonymous = await fetch(`${harness.url}/api/v1/queue/${randomUUID()}/status`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    const badId = await harness.call('GET', '/api/v1/queue/not.an.id/status', randomUUID());
    expect(badId.status).toBe(400);
    expect((await readJson(badId)).errors[0].path).toBe('eventId');
  });

  it("lines up for an event catalog-service knows, refuses one it does not, and says when it can't tell", async () => {
    const known = randomUUID();
    knownEvents.add(known);
    expect(await readJson(await enter(known, randomUUID()))).toMatchObject({ state: 'waiting', position: 1 });

    const unknown = await enter(randomUUID(), randomUUID());
    expect(unknown.status).toBe(404);
    expect(await readJson(unknown)).toMatchObject({ type: 'urn:urr:problem:event-not-found' });

    catalogDown = true;
    try {
      expect((await enter(randomUUID(), randomUUID())).status).toBe(503);
      // An event with a line (or set up by the operator) needs no catalog answer.
      expect((await enter(known, randomUUID())).status).toBe(200);
      const operated = await harness.newEvent({ status: 'open' });
      expect((await enter(operated, randomUUID())).status).toBe(200);
    } finally {
      catalogDown = false;
    }
  });

  it('lets entrants in directly below the threshold and lines them up above it', async () => {
    const eventId = await harness.newEvent({ maxUsers: 3, threshold: 2, status: 'open' });
    const users = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const answers = [];
    for (const userId of users) answers.push(await readJson(await enter(eventId, userId)));
    expect(answers.map((body) => [body.state, body.position])).toEqual([
      ['admitted', null],
      ['admitted', null],
      ['waiting', 1],
      // The fourth's own call first admitted the third into the free slot.
      ['waiting', 1],
    ]);
    expect((await status(eventId, users[2] ?? '')).state).toBe('admitted');
    expect(await status(eventId, users[3] ?? '')).toMatchObject({ state: 'waiting', position: 1, ahead: 0 });
  });

  it('tells waiting users when the sale is paused, sold out or closed, and turns newcomers away', async () => {
    const eventId = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    const [holder, waiter] = [randomUUID(), randomUUID()];
    expect((await readJson(await enter(eventId, holder))).state).toBe('admitted');
    expect((await readJson(await enter(eventId, waiter))).state).toBe('waiting');

    await harness.configure(eventId, { status: 'paused', maxUsers: 10 });
    const newcomer = randomUUID();
    expect(await readJson(await enter(eventId, newcomer))).toMatchObject({
      state: 'waiting',
      queueStatus: 'paused',
      position: 2,
      etaSeconds: null,
    });
    // Paused: free slots stay free.
    expect(await status(eventId, waiter)).toMatchObject({ state: 'waiting', queueStatus: 'paused' });

    for (const [queueStatus, type] of [
      ['soldout', 'urn:urr:problem:queue-sold-out'],
      ['closed', 'urn:urr:problem:queue-closed'],
    ] as const) {
      await harness.configure(eventId, { status: queueStatus });
      const refused = await enter(eventId, randomUUID());
      expect(refused.status).toBe(409);
      expect(await readJson(refused)).toMatchObject({ type, queueStatus });
      expect(await status(eventId, waiter)).toMatchObject({
        state: 'waiting',
        queueStatus,
        etaSeconds: null,
      });
      expect(await status(eventId, holder)).toMatchObject({ state: 'admitted', queueStatus });
    }

    await harness.configure(eventId, { status: 'open' });
    expect((await status(eventId, waiter)).state).toBe('admitted');
    expect((await status(eventId, newcomer)).state).toBe('admitted');
  });

  it('lets a waiting user leave: the people behind move up, and coming back means the back of the line', async () => {
    const eventId = await harness.newEvent({ maxUsers: 0, status: 'open' });
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    for (const userId of [first, second, third]) await enter(eventId, userId);
    const left = await readJson(await harness.call('POST', `/api/v1/queue/${eventId}/leave`, first));
    expect(left.state).toBe('not-in-line');
    expect(await status(eventId, second)).toMatchObject({ position: 1, behind: 1 });
    expect(await readJson(await enter(eventId, first))).toMatchObject({ position: 3, queueNumber: 4 });
  });

  it('uses its configured defaults for an event the operator has not set up', async () => {
    const eventId = randomUUID();
    knownEvents.add(eventId);
    const userId = randomUUID();
    expect(await readJson(await enter(eventId, userId))).toMatchObject({
      state: 'waiting',
      queueStatus: 'open',
      position: 1,
    });
    expect((await status(eventId, userId)).state).toBe('admitted');
    await harness.redis.del(
      ...['queue', 'active', 'seen', 'counter', 'active-seen'].map((key) => `${eventId}:${key}`),
    );
  });

  it('describes its routes in /openapi.json', async () => {
    const document = await readJson(await fetch(`${harness.url}/openapi.json`));
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/queue/{eventId}/enter',
        '/api/v1/queue/{eventId}/status',
        '/api/v1/queue/{eventId}/heartbeat',
        '/api/v1/queue/{eventId}/leave',
      ]),
    );
  });
});
