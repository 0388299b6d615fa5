import { challengeTtlSeconds, solveChallenge } from '@urr/vwr-shared/proof-of-work';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testWaitingRoom, visitor, writeRoomSettings } from './test-support.js';

/** A bot that skips the challenge, or reuses someone else's, gets no place (docs/adr/0008). */
describe('proof-of-work at the Tier-1 door', () => {
  let room: Awaited<ReturnType<typeof testWaitingRoom>>;
  const eventId = `pow-${Date.now()}`;
  const otherEvent = `${eventId}-b`;

  beforeAll(async () => {
    room = await testWaitingRoom();
    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true });
    await writeRoomSettings(room.dynamo, room.tables, otherEvent, { active: true });
  });
  afterAll(async () => {
    room?.dynamo.destroy();
    await room?.issuer.close();
  });

  it('refuses an assign that solved nothing, and takes no slot for it', async () => {
    const bot = visitor(room.container(), eventId, { solve: false });
    const refused = await bot.assign();
    expect(refused.result.statusCode).toBe(403);
    expect(refused.body.type).toBe('urn:urr:problem:vwr-proof-of-work-required');
    const issued = await room.stores.counters.readIssuedCounts(eventId, 1, 1);
    expect(issued[0] ?? 0).toBe(0);
  });

  it('refuses a wrong answer, another account’s solved challenge, and another event’s', async () => {
    const lambda = room.container();
    const fan = visitor(lambda, eventId);
    const { body: issued } = await fan.challenge();
    expect(issued.difficulty).toBe(4);
    let wrong = 0;
    while (solveChallenge(issued.challenge, issued.difficulty) === String(wrong)) wrong += 1;
    const unsolved = await fan.assign({ challenge: issued.challenge, solution: String(wrong) });
    expect(unsolved.result.statusCode).toBe(403);
    const solved = {
      challenge: issued.challenge,
      solution: solveChallenge(issued.challenge, issued.difficulty),
    };
    const thief = visitor(lambda, eventId);
    expect((await thief.assign(solved)).result.statusCode).toBe(403);
    expect(
      (await visitor(lambda, otherEvent, { account: fan.account }).assign(solved)).result.statusCode,
    ).toBe(403);
    expect((await fan.assign(solved)).body).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('refuses a solution brought after its challenge expired', async () => {
    const issuedAt = Date.now();
    const fan = visitor(
      room.container(() => issuedAt),
      eventId,
    );
    const { body: issued } = await fan.challenge();
    const solved = {
      challenge: issued.challenge,
      solution: solveChallenge(issued.challenge, issued.difficulty),
    };
    const late = room.container(() => issuedAt + (challengeTtlSeconds + 1) * 1000);
    const refused = await visitor(late, eventId, { account: fan.account }).assign(solved);
    expect(refused.result.statusCode).toBe(403);
    expect(refused.body.detail).toContain('expired');
  });

  it('asks for the difficulty the sale sets, and refuses an easier solution', async () => {
    const hardEvent = `${eventId}-hard`;
    await writeRoomSettings(room.dynamo, room.tables, hardEvent, { active: true });
    const lambda = room.container();
    const fan = visitor(lambda, hardEvent);
    const easy = await fan.challenge();
    const easySolution = solveChallenge(easy.body.challenge, easy.body.difficulty);
    await room.dynamo.updateItem({
      TableName: room.tables.countersTable,
      Key: { eventId: { S: hardEvent } },
      UpdateExpression: 'SET powDifficulty = :d',
      ExpressionAttributeValues: { ':d': { N: '10' } },
    });
    const fresh = room.container();
    const stale = await visitor(fresh, hardEvent, { account: fan.account }).assign({
      challenge: easy.body.challenge,
      solution: easySolution,
    });
    expect(stale.result.statusCode).toBe(403);
    const hard = visitor(fresh, hardEvent, { account: fan.account });
    expect((await hard.challenge()).body.difficulty).toBe(10);
    expect((await hard.assign()).body.status).toBe('waiting');
  });

  it('needs a signed-in account for a challenge', async () => {
    const anonymous = await visitor(room.container(), eventId, { signedIn: false }).challenge();
    expect(anonymous.result.statusCode).toBe(401);
  });
});
