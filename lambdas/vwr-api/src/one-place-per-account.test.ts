import { inBatches } from '@urr/common/testing/in-batches';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testWaitingRoom, visitor, writeRoomSettings } from './test-support.js';

/** The attacks on the Tier-1 door that account binding closes (docs/adr/0007). */
describe('one place per account per sale', () => {
  let room: Awaited<ReturnType<typeof testWaitingRoom>>;
  const newEvent = async (settings: Parameters<typeof writeRoomSettings>[3] = { active: true }) => {
    const eventId = `acct-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    await writeRoomSettings(room.dynamo, room.tables, eventId, settings);
    return eventId;
  };

  beforeAll(async () => {
    room = await testWaitingRoom();
  });
  afterAll(async () => {
    room?.dynamo.destroy();
    await room?.issuer.close();
  });

  it('refuses an assign without a signed-in account, or with a forged token', async () => {
    const eventId = await newEvent();
    const anonymous = await visitor(room.container(), eventId, { signedIn: false }).assign();
    expect(anonymous.result.statusCode).toBe(401);
    expect(anonymous.body.type).toBe('urn:urr:problem:sign-in-required');
    const forged = visitor(room.container(), eventId);
    forged.jar.set('urr-access-token', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    const refused = await forged.assign();
    expect(refused.result.statusCode).toBe(401);
    expect(refused.body.type).toBe('urn:urr:problem:access-token-invalid');
  });

  it('gives concurrent assigns of one account, from fresh devices, the same single place', async () => {
    const eventId = await newEvent();
    const lambdas = [room.container(), room.container(), room.container()];
    const account = crypto.randomUUID();
    const answers = await inBatches(12, 12, (index) =>
      visitor(lambdas[index % lambdas.length]!, eventId, { account }).assign(),
    );
    expect(answers.every(({ result }) => result.statusCode === 200)).toBe(true);
    expect(new Set(answers.map(({ body }) => body.position)).size).toBe(1);
    // The slots the losing assigns took are given up (status left), so the advancer credits them back.
    const gaveUp = await room.stores.positions.read(
      Array.from({ length: 12 }, (_, index) => `${eventId}#1#0#${index + 1}`),
    );
    expect([...gaveUp.values()].filter((record) => record.status === 'left').length).toBe(11);
  });

  it('lets 50 accounts trying 3 times each hold exactly 50 places', async () => {
    const eventId = await newEvent();
    const lambda = room.container();
    const accounts = Array.from({ length: 50 }, () => crypto.randomUUID());
    const answers = await inBatches(150, 16, (index) =>
      visitor(lambda, eventId, { account: accounts[index % 50]! }).assign(),
    );
    const placeOf = new Map<string, Set<number>>();
    answers.forEach(({ body }, index) => {
      const account = accounts[index % 50]!;
      placeOf.set(account, (placeOf.get(account) ?? new Set()).add(body.position));
    });
    expect([...placeOf.values()].every((places) => places.size === 1)).toBe(true);
    expect(new Set(answers.map(({ body }) => body.position)).size).toBe(50);
  });

  it('gives a pre-queue arrival one lottery entry however often it assigns', async () => {
    const opensAt = new Date(Date.now() + 3_600_000).toISOString();
    const eventId = await newEvent({ active: true, opensAt });
    const lambda = room.container();
    const account = crypto.randomUUID();
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await visitor(lambda, eventId, { account }).assign()).body.status).toBe('pre-queue');
    const shards = (await room.stores.counters.readRoom(eventId, true)).positionShards!;
    const issued = await room.stores.counters.readIssuedCounts(eventId, 0, shards);
    expect(issued.reduce((sum, count) => sum + count, 0)).toBe(1);
  });

  it('issues the Tier-1 pass to the account that holds the place', async () => {
    const eventId = await newEvent({ active: false });
    const fan = visitor(room.container(), eventId);
    const { result } = await fan.assign();
    const pass = result.cookies?.find((cookie) => cookie.startsWith('urr-vwr-token='));
    const payload = JSON.parse(Buffer.from(pass!.split('=')[1]!.split('.')[1]!, 'base64url').toString());
    expect(payload.uid).toBe(fan.account);
  });

  it('lets an account that left join again, at the back', async () => {
    const eventId = await newEvent();
    const lambda = room.container();
    const fan = visitor(lambda, eventId);
    expect((await fan.assign()).body.position).toBe(1);
    await visitor(lambda, eventId).assign();
    await fan.leave();
    expect((await visitor(lambda, eventId, { account: fan.account }).assign()).body.position).toBe(3);
  });
});
