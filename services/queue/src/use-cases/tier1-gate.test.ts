import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLogger } from '@urr/common';
import { signVwrToken, VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { afterAll, describe, expect, it } from 'vitest';
import { countersTableWaitingRooms } from '../db/waiting-room-store.js';
import { createTier1Gate } from './tier1-gate.js';

const dynamo = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
afterAll(() => dynamo.destroy());

describe('the Tier-1 gate when the waiting room cannot be read (moto DynamoDB, no such table)', () => {
  const keyring = VwrTokenKeyring.of('k1', { k1: randomBytes(32).toString('hex') });
  const gate = createTier1Gate({
    keyring,
    rooms: countersTableWaitingRooms({ dynamo, countersTable: `absent-${randomUUID()}`, cacheMs: 0 }),
    revokedBefore: async () => undefined,
    logger: createLogger({ service: 'queue-test', level: 'silent' }),
  });
  const entrant = { eventId: randomUUID(), userId: randomUUID() };

  it('turns a newcomer without a valid pass away with 503, never lets them past an unknown room', async () => {
    const refusal = await gate.refusalFor([undefined, 'not.a.pass'], entrant);
    expect(refusal?.status).toBe(503);
    expect(refusal?.toJSON()).toMatchObject({ type: 'urn:urr:problem:waiting-room-unavailable' });
    expect(refusal?.headers).toEqual({ 'retry-after': '2' });
  });

  it('lets a newcomer with a valid pass in without asking the waiting room', async () => {
    const pass = await signVwrToken(
      { eventId: entrant.eventId, subject: 'slot', userId: entrant.userId },
      keyring,
    );
    expect(await gate.refusalFor([pass], entrant)).toBeUndefined();
  });
});
