import { passRevocationUpdate } from '@urr/common/vwr/pass-revocation-item';
import { advanceEvent } from '@urr/counter-advancer/advance-event';
import { positionTicketCookieName } from '@urr/vwr-shared/position-ticket';
import { slotId } from '@urr/vwr-shared/slots';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testWaitingRoom, visitor, writeRoomSettings } from './test-support.js';

/** Places and passes of an account whose passes were revoked (docs/adr/0040), on the DynamoDB-compatible server. */
describe('Tier 1 after an account’s passes were revoked', () => {
  let room: Awaited<ReturnType<typeof testWaitingRoom>>;
  beforeAll(async () => {
    // No caching: each call sees the room and the revocation as they are now.
    room = await testWaitingRoom({ VWR_COUNTERS_CACHE_MS: '0', VWR_REVOCATION_CACHE_MS: '0' });
  });
  afterAll(async () => {
    room?.dynamo.destroy();
    await room?.issuer.close();
  });

  const newEvent = async () => {
    const eventId = `revoke-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true, admitStep: 10 });
    return eventId;
  };
  /** Revokes, as queue-service writes it, everything `account` was issued up to now (this second too). */
  const revoke = async (account: string) => {
    const revokedBefore = Math.floor(Date.now() / 1000) + 1;
    await room.dynamo.updateItem({
      TableName: room.tables.positionsTable,
      ...passRevocationUpdate(account, revokedBefore, revokedBefore + 86_400),
    });
    return revokedBefore;
  };
  /** Waits for the epoch second `second` to begin (a sign-in then is issued after the revocation). */
  const untilSecond = (second: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, second * 1000 - Date.now())));
  const admitNext = (eventId: string) => advanceEvent(room.stores, eventId, Date.now());
  const passCookieOf = (result: { cookies?: string[] }) =>
    result.cookies?.find((cookie) => cookie.startsWith('urr-vwr-token='));

  it('hands no pass to a place taken before the revocation, however its old ticket is replayed', async () => {
    const eventId = await newEvent();
    const lambda = room.container();
    const fan = visitor(lambda, eventId);
    const bystander = visitor(lambda, eventId);
    expect((await fan.assign()).body.status).toBe('waiting');
    expect((await bystander.assign()).body.status).toBe('waiting');
    const oldTicket = fan.jar.get(positionTicketCookieName(eventId))!;
    await revoke(fan.account);
    await admitNext(eventId);

    for (let replay = 0; replay < 3; replay += 1) {
      fan.jar.set(positionTicketCookieName(eventId), oldTicket);
      const { result, body } = await fan.check();
      expect(result.statusCode).toBe(410);
      expect(body.type).toBe('urn:urr:problem:vwr-position-gone');
      expect(passCookieOf(result)).toBeUndefined();
    }
    // Another account's place is not touched.
    const other = await bystander.check();
    expect(other.body.status).toBe('admitted');
    expect(passCookieOf(other.result)).toBeDefined();
  });

  it('stops re-issuing the pass of a fan admitted before the revocation', async () => {
    const eventId = await newEvent();
    const fan = visitor(room.container(), eventId);
    await fan.assign();
    await admitNext(eventId);
    const admitted = await fan.check();
    expect(admitted.body.status).toBe('admitted');
    expect(passCookieOf(admitted.result)).toBeDefined();

    await revoke(fan.account);
    const { result, body } = await fan.check();
    expect(result.statusCode).toBe(410);
    expect(passCookieOf(result)).toBeUndefined();
    expect(body.detail).toMatch(/revoked/);
  });

  it('ends a revoked waiting place when its account joins again, and lets the new place earn a pass', async () => {
    const eventId = await newEvent();
    const fan = visitor(room.container(), eventId);
    const first = await fan.assign();
    expect(first.body.status).toBe('waiting');
    const oldPlace = (await room.stores.positions.placeOf(eventId, fan.account))!;
    const revokedBefore = await revoke(fan.account);

    // The same account signs in again on another device once the revocation second is over.
    await untilSecond(revokedBefore);
    const again = visitor(room.container(), eventId, { account: fan.account });
    const rejoined = await again.assign();
    expect(rejoined.body.status).toBe('waiting');
    expect(rejoined.body.position).toBeGreaterThan(first.body.position);
    // The old slot was given up (status left), so the advancer credits it to the next in line.
    const oldSlot = (await room.stores.positions.read([slotId(oldPlace)])).get(slotId(oldPlace));
    expect(oldSlot?.status).toBe('left');

    await admitNext(eventId);
    const admitted = await again.check();
    expect(admitted.body.status).toBe('admitted');
    expect(passCookieOf(admitted.result)).toBeDefined();
  });
});
