import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { verifyEntryToken } from '@urr/common';
import { passRevocationKey } from '@urr/common/auth/pass-revocation';
import { internalTokenHeader } from '@urr/common/internal/internal-token';
import { captureLogs } from '@urr/common/testing/log-capture';
import { readJson } from '@urr/common/testing/read-json';
import { passRevocationAttributes, passRevocationItemKey } from '@urr/common/vwr/pass-revocation-item';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueHarness, startQueueHarness } from '../testing/queue-harness.js';

describe('revoking a fan’s waiting-room and entry passes (real Redis and moto DynamoDB)', () => {
  const logs = captureLogs('queue-test');
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness({ logger: logs.logger, waitingRoomCacheMs: 0 });
  });
  afterAll(async () => harness.close());

  const admin = randomUUID();
  const revokeAsAdmin = (userId: string, by = admin, role: 'user' | 'admin' = 'admin') =>
    harness.call('POST', `/api/v1/queue/admin/accounts/${userId}/pass-revocations`, by, {}, role);
  const revokeInternally = (userId: string, revokedAt: Date, token = harness.config.INTERNAL_API_TOKEN) =>
    fetch(`${harness.url}/internal/accounts/${userId}/pass-revocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [internalTokenHeader]: token },
      body: JSON.stringify({ revokedAt: revokedAt.toISOString() }),
    });
  const enter = async (eventId: string, userId: string, tier1Pass?: string) =>
    readJson(
      await harness.call(
        'POST',
        `/api/v1/queue/${eventId}/enter`,
        userId,
        tier1Pass ? { 'x-vwr-token': tier1Pass } : {},
      ),
    );
  const slotOf = async (entryToken: string) =>
    (await verifyEntryToken(entryToken, harness.config.ENTRY_TOKEN_SECRET)).slot;

  it('ends the fan’s slot at once, so the old entry pass replayed afterwards is refused; passes issued after work', async () => {
    const eventId = await harness.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    const fan = randomUUID();
    const admitted = await enter(eventId, fan);
    expect(admitted.state).toBe('admitted');
    const oldSlot = await slotOf(admitted.entryToken);
    expect(await harness.entrySlotIsLive(eventId, fan, oldSlot)).toBe(true);

    const response = await revokeAsAdmin(fan);
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.userId).toBe(fan);
    expect(Date.parse(body.revokedBefore)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) * 1000);

    // The replayed pass: its slot is gone, and neither a status call nor a heartbeat renews it.
    expect(await harness.entrySlotIsLive(eventId, fan, oldSlot)).toBe(false);
    for (const action of ['status', 'heartbeat'] as const) {
      const answer = await readJson(
        await harness.call(action === 'status' ? 'GET' : 'POST', `/api/v1/queue/${eventId}/${action}`, fan),
      );
      expect(answer.state).toBe('not-in-line');
      expect(answer.entryToken).toBeUndefined();
    }
    expect(await harness.entrySlotIsLive(eventId, fan, oldSlot)).toBe(false);

    // Lining up again draws a new slot; the pass for it works and the old one stays dead.
    const again = await enter(eventId, fan);
    expect(again.state).toBe('admitted');
    const newSlot = await slotOf(again.entryToken);
    expect(newSlot).not.toBe(oldSlot);
    expect(await harness.entrySlotIsLive(eventId, fan, newSlot)).toBe(true);
    expect(await harness.entrySlotIsLive(eventId, fan, oldSlot)).toBe(false);
  });

  it('refuses a Tier-1 pass issued before the revocation at the Tier-2 door, and takes one issued after', async () => {
    const eventId = await harness.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    await harness.setWaitingRoom(eventId, true);
    const fan = randomUUID();
    const oldPass = await harness.tier1Pass(eventId, fan, new Date(Date.now() - 5_000));
    expect((await enter(eventId, fan, oldPass)).state).toBe('admitted');

    const { revokedBefore } = await readJson(await revokeAsAdmin(fan));
    const refused = await harness.call('POST', `/api/v1/queue/${eventId}/enter`, fan, {
      'x-vwr-token': oldPass,
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await readJson(refused)).toMatchObject({
      type: 'urn:urr:problem:tier1-pass-revoked',
      waitingRoom: `/vwr/${eventId}`,
    });
    // Nobody took a place with it.
    expect(await harness.redis.hget(`${eventId}:seen`, fan)).toBeNull();

    const newPass = await harness.tier1Pass(eventId, fan, new Date(revokedBefore));
    const admitted = await enter(eventId, fan, newPass);
    expect(admitted.state).toBe('admitted');
    expect(await harness.entrySlotIsLive(eventId, fan, await slotOf(admitted.entryToken))).toBe(true);
  });

  it('records the revocation for Tier 1 in the positions table and for Tier 2 in Redis, and writes an audit line', async () => {
    const fan = randomUUID();
    const { revokedBefore } = await readJson(await revokeAsAdmin(fan));
    const seconds = Date.parse(revokedBefore) / 1000;
    expect(await harness.redis.get(passRevocationKey(fan))).toBe(String(seconds));
    expect(await harness.redis.ttl(passRevocationKey(fan))).toBeGreaterThan(86_400);
    const { Item } = await harness.dynamo.send(
      new GetItemCommand({
        TableName: harness.positionsTable,
        Key: { [passRevocationAttributes.key]: { S: passRevocationItemKey(fan) } },
        ConsistentRead: true,
      }),
    );
    expect(Item?.[passRevocationAttributes.revokedBefore]?.N).toBe(String(seconds));
    expect(Number(Item?.[passRevocationAttributes.expiresAt]?.N)).toBeGreaterThan(seconds + 86_400);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ audit: 'passes-revoked', actorId: admin, userId: fan, revokedBefore }),
    );
  });

  it('never moves a revocation back: an older one arriving late leaves the newer standing in both stores', async () => {
    const fan = randomUUID();
    const newer = new Date(Date.now() + 60_000);
    expect((await revokeInternally(fan, newer)).status).toBe(200);
    const late = await revokeInternally(fan, new Date(Date.now() - 60_000));
    expect(late.status).toBe(200);
    const seconds = String(Math.ceil(newer.getTime() / 1000));
    expect(await harness.redis.get(passRevocationKey(fan))).toBe(seconds);
    const { Item } = await harness.dynamo.send(
      new GetItemCommand({
        TableName: harness.positionsTable,
        Key: { [passRevocationAttributes.key]: { S: passRevocationItemKey(fan) } },
        ConsistentRead: true,
      }),
    );
    expect(Item?.[passRevocationAttributes.revokedBefore]?.N).toBe(seconds);
  });

  it('lets only admins revoke, only valid account ids, and the internal route only with the internal token', async () => {
    const fan = randomUUID();
    const asFan = await revokeAsAdmin(fan, randomUUID(), 'user');
    expect(asFan.status).toBe(403);
    expect(await readJson(asFan)).toMatchObject({ type: 'urn:urr:problem:forbidden' });
    const anonymous = await fetch(`${harness.url}/api/v1/queue/admin/accounts/${fan}/pass-revocations`, {
      method: 'POST',
    });
    expect(anonymous.status).toBe(401);
    const badId = await revokeAsAdmin('not-an-account');
    expect(badId.status).toBe(400);
    expect(badId.headers.get('content-type')).toContain('application/problem+json');

    expect((await revokeInternally(fan, new Date(), 'x'.repeat(64))).status).toBe(401);
    const badInstant = await fetch(`${harness.url}/internal/accounts/${fan}/pass-revocations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [internalTokenHeader]: harness.config.INTERNAL_API_TOKEN,
      },
      body: JSON.stringify({ revokedAt: 'yesterday' }),
    });
    expect(badInstant.status).toBe(400);
    expect(await harness.redis.exists(passRevocationKey(fan))).toBe(0);
  });

  it('leaves no slot behind when a fan’s heartbeats race the revocation', async () => {
    const eventId = await harness.newEvent({ maxUsers: 5, threshold: 5, status: 'open' });
    const fan = randomUUID();
    const admitted = await enter(eventId, fan);
    const oldSlot = await slotOf(admitted.entryToken);
    const heartbeats = Array.from({ length: 10 }, () =>
      harness.call('POST', `/api/v1/queue/${eventId}/heartbeat`, fan).then(readJson),
    );
    const [revoked, ...answers] = await Promise.all([revokeAsAdmin(fan), ...heartbeats]);
    expect(revoked.status).toBe(200);
    for (const answer of answers) expect(['admitted', 'not-in-line']).toContain(answer.state);
    expect(await harness.entrySlotIsLive(eventId, fan, oldSlot)).toBe(false);
    for (const answer of answers)
      if (answer.entryToken) expect(await slotOf(answer.entryToken)).toBe(oldSlot);
  });
});
