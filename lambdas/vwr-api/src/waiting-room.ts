import { randomInt, randomUUID } from 'node:crypto';
import { HttpProblem } from '@urr/common/errors/http-problem';
import { signVwrToken, type VwrTokenKeyring, vwrTokenTtlSeconds } from '@urr/common/tokens/vwr-token';
import type { AccountPlace } from '@urr/vwr-shared/account-place';
import type { CountersStore } from '@urr/vwr-shared/counters-store';
import { estimateWait, maxPollSeconds, pollBeforeOpening } from '@urr/vwr-shared/eta';
import {
  type PositionTicket,
  PositionTicketError,
  type PositionTicketSigner,
} from '@urr/vwr-shared/position-ticket';
import type { PositionsStore } from '@urr/vwr-shared/positions-store';
import { heartbeatEverySeconds } from '@urr/vwr-shared/presence';
import {
  challengeTtlSeconds,
  type ProofFailure,
  type ProofOfWork,
  ProofOfWorkError,
} from '@urr/vwr-shared/proof-of-work';
import { isPreQueueOpen, PreQueuePlaces, positionOf, type Room } from '@urr/vwr-shared/room';
import type { RoomCache } from '@urr/vwr-shared/room-cache';
import { preQueueBand, regularBand, slotId } from '@urr/vwr-shared/slots';
import type { RevokedPlaces } from './revoked-places.js';

/** What a waiting-room call comes to; `ticket` is a new or refreshed position ticket for the cookie. */
export type Outcome =
  | {
      readonly status: 'admitted';
      readonly token: string;
      readonly expiresAt: number;
      /** The place the holder was admitted from; null when a quiet sale let them in at once. */
      readonly position: number | null;
      readonly ticket?: string;
    }
  | {
      readonly status: 'waiting';
      /** Null while the opening is being sealed and positions are not final yet. */
      readonly position: number | null;
      readonly ahead: number | null;
      readonly etaSeconds: number | null;
      readonly pollAfterSeconds: number;
      /** The sale is paused: the place is kept but nobody moves up (and no ETA) until it resumes. */
      readonly paused: boolean;
      readonly ticket?: string;
    }
  | {
      readonly status: 'pre-queue';
      readonly opensAt: number;
      readonly pollAfterSeconds: number;
      readonly ticket?: string;
    }
  | { readonly status: 'sold-out' };

export interface WaitingRoomOptions {
  readonly counters: CountersStore;
  readonly positions: PositionsStore;
  readonly rooms: RoomCache;
  readonly tickets: PositionTicketSigner;
  readonly keyring: VwrTokenKeyring;
  readonly proofOfWork: ProofOfWork;
  /** Places whose account's passes were revoked since (docs/adr/0040), asked before a pass is handed out. */
  readonly revokedPlaces: RevokedPlaces;
  /** Difficulty for sales that set none. */
  readonly powDifficulty: number;
  /** Shard count for events that have none fixed yet. */
  readonly positionShards: number;
  readonly clock?: () => number;
}

export const noTicketProblem = () =>
  new HttpProblem(401, {
    type: 'urn:urr:problem:vwr-no-ticket',
    title: 'Not in the waiting room',
    detail: 'Join the waiting room first (POST /vwr-api/vwr/assign/{eventId}).',
  });

export const positionGoneProblem = (detail: string) =>
  new HttpProblem(410, { type: 'urn:urr:problem:vwr-position-gone', title: 'Your place is gone', detail });

/** A solved proof-of-work challenge, as the fan's browser sends it with assign. */
export interface Proof {
  readonly challenge: string;
  readonly solution: string;
}

const proofProblem = (reason: ProofFailure | 'missing') =>
  new HttpProblem(403, {
    type: 'urn:urr:problem:vwr-proof-of-work-required',
    title: 'Solve the challenge first',
    detail:
      reason === 'missing'
        ? 'Get a challenge (GET /vwr-api/vwr/challenge/{eventId}), solve it and send it with assign.'
        : `The challenge was not solved for this sale and account (${reason}); get a new one.`,
  });

export type WaitingRoom = ReturnType<typeof createWaitingRoom>;

/** The Tier-1 waiting room's three operations, over the counters and positions tables. */
export function createWaitingRoom(options: WaitingRoomOptions) {
  const { counters, positions, rooms, tickets, keyring } = options;
  const clock = options.clock ?? Date.now;
  const preQueuePlaces = new PreQueuePlaces();

  function readTicket(eventId: string, text: string | undefined, now: number): PositionTicket {
    if (!text) throw noTicketProblem();
    try {
      return tickets.verify(text, eventId, now);
    } catch (error) {
      if (error instanceof PositionTicketError && error.reason === 'expired')
        throw positionGoneProblem('Your waiting-room ticket is more than a day old; join again.');
      if (error instanceof PositionTicketError) throw noTicketProblem();
      throw error;
    }
  }

  async function admit(
    room: Room,
    ticket: PositionTicket,
    position: number | undefined,
    now: number,
    issued?: string,
  ): Promise<Outcome> {
    if (await options.revokedPlaces.endIfRevoked(ticket, now))
      throw positionGoneProblem(
        'Your passes were revoked (signed out everywhere, or by an admin); join again.',
      );
    const admittedAt = await positions.admit(slotId(ticket), room.eventId, now);
    if (admittedAt === undefined)
      throw positionGoneProblem('You left the waiting room or stopped waiting; join again.');
    const expiresAt = admittedAt + vwrTokenTtlSeconds * 1000;
    if (expiresAt <= now) throw positionGoneProblem('Your admission expired; join again.');
    const token = await signVwrToken(
      { eventId: room.eventId, subject: slotId(ticket), userId: ticket.account },
      keyring,
      new Date(admittedAt),
    );
    return {
      status: 'admitted',
      token,
      expiresAt,
      position: position ?? null,
      ...(issued ? { ticket: issued } : {}),
    };
  }

  /** Where a ticket holder stands now; `issued` is the ticket just handed out by assign (no heartbeat due). */
  async function evaluate(
    room: Room,
    ticket: PositionTicket,
    now: number,
    issued?: string,
  ): Promise<Outcome> {
    if (room.soldOut) return { status: 'sold-out' };
    const position = positionOf(room, ticket, ticket.shards, preQueuePlaces);
    if (!room.active || (position !== undefined && position <= room.servingCounter))
      return admit(room, ticket, position, now, issued);
    let ticketOut = issued;
    if (!issued && now / 1000 - ticket.seenAt >= heartbeatEverySeconds) {
      if (!(await positions.heartbeat(slotId(ticket), room.eventId, now)))
        throw positionGoneProblem(
          'You were away too long and your place went to the next in line; join again.',
        );
      ticketOut = tickets.sign({ ...ticket, seenAt: Math.floor(now / 1000) });
    }
    const withTicket = ticketOut ? { ticket: ticketOut } : {};
    if (ticket.band === preQueueBand && room.opensAt !== undefined && now < room.opensAt)
      return {
        status: 'pre-queue',
        opensAt: room.opensAt,
        pollAfterSeconds: pollBeforeOpening(room.opensAt, now),
        ...withTicket,
      };
    const ahead = position === undefined ? null : Math.max(0, position - room.servingCounter - 1);
    if (room.paused)
      return {
        status: 'waiting',
        position: position ?? null,
        ahead,
        etaSeconds: null,
        pollAfterSeconds: maxPollSeconds,
        paused: true,
        ...withTicket,
      };
    if (position === undefined)
      return {
        status: 'waiting',
        position: null,
        ahead: null,
        etaSeconds: null,
        pollAfterSeconds: 2,
        paused: false,
        ...withTicket,
      };
    const { etaSeconds, pollAfterSeconds } = estimateWait(room, position, now);
    return { status: 'waiting', position, ahead, etaSeconds, pollAfterSeconds, paused: false, ...withTicket };
  }

  async function check(eventId: string, ticketText: string | undefined): Promise<Outcome> {
    const now = clock();
    const ticket = readTicket(eventId, ticketText, now);
    return evaluate(await rooms.get(eventId), ticket, now);
  }

  async function takeSlot(room: Room, account: string, now: number): Promise<PositionTicket> {
    const { eventId } = room;
    let shards = room.positionShards ?? options.positionShards;
    if (!room.positionShardsFixed) {
      shards = await counters.fixPositionShards(eventId, shards);
      rooms.forget(eventId);
    }
    const shard = randomInt(shards);
    let band = isPreQueueOpen(room, now) ? preQueueBand : regularBand;
    let seq = await counters.takeSlot(eventId, band, shard);
    if (seq === undefined) {
      // The pre-queue was sealed at the opening a moment ago: this arrival queues in arrival order.
      band = regularBand;
      seq = await counters.takeSlot(eventId, band, shard);
      rooms.forget(eventId);
    }
    if (seq === undefined) throw new Error(`no slot taken from ${eventId} shard ${shard}`);
    const seconds = Math.floor(now / 1000);
    return { eventId, band, shard, seq, shards, seenAt: seconds, issuedAt: seconds, account };
  }

  /**
   * Where the account's existing place stands, with a fresh ticket for this device; undefined when that
   * place is gone (left, expired), so the account may join again at the back.
   */
  async function resume(room: Room, place: AccountPlace, now: number): Promise<Outcome | undefined> {
    if (await options.revokedPlaces.endIfRevoked(place, now)) return undefined;
    // seenAt 0 makes evaluate write a heartbeat now, which also tells whether the place still waits.
    const ticket: PositionTicket = { ...place, seenAt: 0 };
    try {
      const outcome = await evaluate(room, ticket, now);
      if (outcome.status === 'sold-out' || outcome.ticket) return outcome;
      return { ...outcome, ticket: tickets.sign({ ...place, seenAt: Math.floor(now / 1000) }) };
    } catch (error) {
      if (!(error instanceof HttpProblem) || error.status !== 410) throw error;
      await positions.releasePlace(place);
      return undefined;
    }
  }

  const difficultyOf = (room: Room) => room.powDifficulty ?? options.powDifficulty;

  return {
    check,

    /** A proof-of-work challenge for `account` to join this sale (docs/adr/0008). */
    async challenge(eventId: string, account: string) {
      const now = clock();
      const difficulty = difficultyOf(await rooms.get(eventId));
      const expiresAt = Math.floor(now / 1000) + challengeTtlSeconds;
      return {
        challenge: options.proofOfWork.issue({ eventId, account, difficulty, expiresAt }),
        difficulty,
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      };
    },

    /**
     * Joins the waiting room for `account`, or reports where it already stands: one place per account per
     * sale, whatever device or cookie it comes with (docs/adr/0007).
     */
    async assign(
      eventId: string,
      ticketText: string | undefined,
      account: string,
      proof: Proof | undefined,
    ): Promise<Outcome> {
      if (!proof) throw proofProblem('missing');
      try {
        options.proofOfWork.verify(proof.challenge, proof.solution, {
          eventId,
          account,
          minDifficulty: difficultyOf(await rooms.get(eventId)),
          now: clock(),
        });
      } catch (error) {
        if (error instanceof ProofOfWorkError) throw proofProblem(error.reason);
        throw error;
      }
      if (ticketText) {
        try {
          const now = clock();
          const ticket = readTicket(eventId, ticketText, now);
          if (ticket.account === account) return await evaluate(await rooms.get(eventId), ticket, now);
        } catch (error) {
          if (!(error instanceof HttpProblem)) throw error;
        }
      }
      const now = clock();
      const room = await rooms.get(eventId);
      if (room.soldOut) return { status: 'sold-out' };
      if (!room.active) {
        const token = await signVwrToken(
          { eventId, subject: `quiet-${randomUUID()}`, userId: account },
          keyring,
          new Date(now),
        );
        return { status: 'admitted', token, expiresAt: now + vwrTokenTtlSeconds * 1000, position: null };
      }
      const held = await positions.placeOf(eventId, account);
      const resumed = held && (await resume(room, held, now));
      if (resumed) return resumed;
      const ticket = await takeSlot(room, account, now);
      const other = await positions.claimPlace(ticket, now);
      if (other) {
        // A concurrent assign of the same account won: its place stands, this slot is handed on.
        await positions.leave(slotId(ticket), eventId, now);
        const winner = await resume(await rooms.get(eventId), other, now);
        if (winner) return winner;
        throw positionGoneProblem('Your place in this waiting room just ended; join again.');
      }
      return evaluate(await rooms.get(eventId), ticket, now, tickets.sign(ticket));
    },

    /** Gives the caller's place up, so the advancer hands its slot to the next in line. */
    async leave(eventId: string, ticketText: string | undefined): Promise<void> {
      const now = clock();
      const ticket = readTicket(eventId, ticketText, now);
      await positions.leave(slotId(ticket), eventId, now);
      await positions.releasePlace(ticket);
    },
  };
}
