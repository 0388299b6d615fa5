import { randomBytes } from 'node:crypto';
import { type PositionState, planAdvance } from '@urr/vwr-shared/admission';
import type { CountersStore } from '@urr/vwr-shared/counters-store';
import { IssueHistory } from '@urr/vwr-shared/issue-history';
import type { PositionsStore } from '@urr/vwr-shared/positions-store';
import { abandonAfterSeconds } from '@urr/vwr-shared/presence';
import { preQueueSizeOf, type Room, slotAtPosition } from '@urr/vwr-shared/room';
import { highestRegularPosition, regularBand, slotId } from '@urr/vwr-shared/slots';
import { type VoidRange, VoidSlots } from '@urr/vwr-shared/void-slots';

export interface AdvancerStores {
  readonly counters: CountersStore;
  readonly positions: PositionsStore;
}

export type AdvanceOutcome =
  | {
      readonly eventId: string;
      readonly action: 'inactive' | 'sold-out' | 'paused' | 'before-opening' | 'not-due' | 'lost-race';
    }
  | {
      readonly eventId: string;
      readonly action: 'advanced';
      readonly servingCounter: number;
      readonly admitted: number;
      readonly credited: number;
    };

/** An advance counts as due this early, so a cycle that wakes a little early still moves the counter. */
const dueToleranceMs = 1_000;

/**
 * One cycle for one event: seal the pre-queue at the opening (once), then move the serving counter by the
 * admit step, skipping abandoned positions (docs/adr/0003). Safe to run from two advancers at once: the
 * seal and the advance are conditional writes, and the loser of a race leaves the cycle to the winner.
 */
export async function advanceEvent(
  stores: AdvancerStores,
  eventId: string,
  now: number,
): Promise<AdvanceOutcome> {
  const { counters, positions } = stores;
  let room = await counters.readRoom(eventId, true);
  if (!room.active) return { eventId, action: 'inactive' };
  if (room.soldOut) return { eventId, action: 'sold-out' };
  if (room.paused) return { eventId, action: 'paused' };
  const shards = room.positionShards ?? 0;
  const keepMs = (abandonAfterSeconds + 2 * room.cycleSeconds) * 1000;
  const history = IssueHistory.parse(room.issuedHistory);

  if (room.opensAt !== undefined && now < room.opensAt) {
    const preQueue = await counters.readIssuedCounts(eventId, 0, shards);
    await counters.recordIssueHistory(
      eventId,
      history.with({ at: now, regular: [], preQueue }, keepMs).serialize(),
    );
    return { eventId, action: 'before-opening' };
  }
  if (
    room.lastAdvancedAt !== undefined &&
    now - room.lastAdvancedAt < room.cycleSeconds * 1000 - dueToleranceMs
  )
    return { eventId, action: 'not-due' };
  if (room.opensAt !== undefined && room.preQueue === undefined)
    room = await sealPreQueue(counters, room, shards, now);

  const preQueueSize = preQueueSizeOf(room);
  const { regular, taken, voided } = await levelShards(counters, eventId, shards);
  const voidSlots = VoidSlots.parse(room.voidSlots).with(voided);
  // Slots voided at or below the counter were counted as room for arrivals that now never come: give back.
  const lostRoom = VoidSlots.of(voided).countUpTo(room.servingCounter, shards, preQueueSize);
  const highestIssued = highestRegularPosition(regular, preQueueSize);
  const nextHistory = history.with({ at: now, regular, preQueue: room.preQueue?.shardCounts ?? [] }, keepMs);
  const seenBefore = now - abandonAfterSeconds * 1000;
  const slotIdAt = (position: number) => slotId({ eventId, ...slotAtPosition(room, position, shards) });

  const plan = await planAdvance({
    servingCounter: room.servingCounter,
    admitStep: room.admitStep + lostRoom,
    highestIssued,
    async inspect(candidates) {
      const records = await positions.read(candidates.map(slotIdAt));
      const states = new Map<number, PositionState>();
      for (const position of candidates) {
        const slot = slotAtPosition(room, position, shards);
        const record = records.get(slotIdAt(position));
        if (slot.band === regularBand && voidSlots.includes(slot.shard, slot.seq))
          states.set(position, 'abandoned');
        else if (!record) {
          // No record: the holder has done nothing since the assign. Gone if that was long enough ago.
          states.set(position, nextHistory.issuedBy(seenBefore, slot) ? 'stale' : 'held');
        } else if (record.status === 'left' || record.status === 'expired') states.set(position, 'abandoned');
        else if (record.status === 'waiting' && record.lastSeenAt < seenBefore) states.set(position, 'stale');
        else states.set(position, 'held');
      }
      return states;
    },
    expire: (position) => positions.expire(slotIdAt(position), eventId, now, seenBefore),
  });

  const recorded = await counters.recordAdvance(eventId, room.servingCounter, {
    servingCounter: plan.servingCounter,
    nextPosition: highestIssued + 1,
    issuedHistory: nextHistory.serialize(),
    voidSlots: voidSlots.above(plan.servingCounter, shards, preQueueSize).serialize(),
    issuedTotal: issuedTotalOf(room, history, taken),
    credited: plan.credited,
    admissionRate: measuredRate(room, plan.servingCounter, plan.capped, now),
    advancedAt: now,
  });
  if (!recorded) return { eventId, action: 'lost-race' };
  return {
    eventId,
    action: 'advanced',
    servingCounter: plan.servingCounter,
    admitted: plan.admitted,
    credited: plan.credited,
  };
}

/**
 * Levels the regular-queue shards: each one behind the busiest is moved up to it, skipping (voiding) the
 * slots between. Everyone who arrives after this cycle then gets a later position than everyone before it,
 * so random shard choice can reorder arrivals only within one cycle. A shard an assign touched meanwhile
 * stays as it is until the next cycle.
 */
async function levelShards(
  counters: CountersStore,
  eventId: string,
  shards: number,
): Promise<{ regular: number[]; taken: number; voided: VoidRange[] }> {
  const regular = await counters.readIssuedCounts(eventId, 1, shards);
  const taken = regular.reduce((sum, count) => sum + count, 0);
  const highest = Math.max(0, ...regular);
  const voided: VoidRange[] = [];
  await Promise.all(
    regular.map(async (count, shard) => {
      if (count >= highest || !(await counters.levelShard(eventId, shard, count, highest))) return;
      voided.push([shard, count + 1, highest]);
      regular[shard] = highest;
    }),
  );
  return { regular, taken, voided };
}

/**
 * Positions handed out so far. Levelled shard counts include the void slots, so the regular queue's share is
 * the last figure plus what the shards gained since the last (levelled) snapshot.
 */
function issuedTotalOf(room: Room, history: IssueHistory, takenNow: number): number {
  const preQueueSize = preQueueSizeOf(room);
  if (room.lastAdvancedAt === undefined) return preQueueSize + takenNow;
  const sinceLast = takenNow - (history.latest()?.regular ?? []).reduce((sum, count) => sum + count, 0);
  return room.issuedTotal + sinceLast;
}

async function sealPreQueue(counters: CountersStore, room: Room, shards: number, now: number): Promise<Room> {
  const shardCounts = await counters.sealPreQueueShards(room.eventId, shards);
  await counters.recordPreQueueSeal(room.eventId, {
    size: shardCounts.reduce((sum, count) => sum + count, 0),
    shardCounts,
    seed: randomBytes(32).toString('hex'),
    sealedAt: now,
  });
  // Whichever advancer sealed first, its seed and counts are the ones everyone uses.
  return counters.readRoom(room.eventId, true);
}

/**
 * Positions per second the counter moved, averaged with the previous measure. An advance that ran out of
 * waiting people measures arrivals, not admission, so it keeps the previous figure.
 */
function measuredRate(room: Room, servingCounter: number, capped: boolean, now: number): number {
  const configured = room.admitStep / room.cycleSeconds;
  if (capped) return room.admissionRate ?? configured;
  const elapsedSeconds =
    room.lastAdvancedAt === undefined ? room.cycleSeconds : (now - room.lastAdvancedAt) / 1000;
  const sample = (servingCounter - room.servingCounter) / Math.max(elapsedSeconds, 1);
  return room.admissionRate === undefined ? sample : (room.admissionRate + sample) / 2;
}
