import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import type { VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { RecentlyUsed } from './recently-used.js';
import { type Band, eventIdPattern, type Slot } from './slots.js';

/**
 * The position ticket: the holder's slot, signed, kept in a per-event cookie. It lets the check path answer
 * from the ticket and the cached counters item alone, without reading the positions table on every poll.
 * HMAC-SHA256 under a key derived from the vwr token key of the same kid, so both rotate together.
 */
export const positionTicketTtlSeconds = 24 * 3600;
const version = 'v2';

export const positionTicketCookieName = (eventId: string) => `urr-vwr-ticket-${eventId}`;

export interface PositionTicket extends Slot {
  /** The event's shard count, fixed before the slot was taken, so no table read is needed to place it. */
  readonly shards: number;
  /** Epoch seconds the holder was last recorded as present (the heartbeat written to the positions table). */
  readonly seenAt: number;
  readonly issuedAt: number;
  /** The account that holds the place: one place per account per sale (docs/adr/0007). */
  readonly account: string;
}

export type PositionTicketFailure = 'invalid' | 'expired' | 'wrong-event';

export class PositionTicketError extends Error {
  constructor(readonly reason: PositionTicketFailure) {
    super(`position ticket ${reason}`);
    this.name = 'PositionTicketError';
  }
}

export interface PositionTicketSignerOptions {
  /**
   * How many of the most recently used verified tickets are remembered by their exact text (a container's
   * recent pollers); up to twice as many are kept.
   */
  readonly remembered?: number;
}

const defaultRemembered = 10_000;

export class PositionTicketSigner {
  private readonly macKeys = new Map<string, KeyObject>();
  /**
   * Tickets whose signature and fields were verified, by their exact text: a remembered ticket skips the
   * HMAC and the decoding, and is still held to its event and expiry on every use.
   */
  private readonly verified: RecentlyUsed<PositionTicket>;

  constructor(
    private readonly keyring: VwrTokenKeyring,
    options: PositionTicketSignerOptions = {},
  ) {
    this.verified = new RecentlyUsed(options.remembered ?? defaultRemembered);
  }

  sign(ticket: PositionTicket): string {
    const payload = Buffer.from(
      JSON.stringify([
        ticket.eventId,
        ticket.band,
        ticket.shard,
        ticket.seq,
        ticket.shards,
        ticket.seenAt,
        ticket.issuedAt,
        ticket.account,
      ]),
    ).toString('base64url');
    const kid = this.keyring.currentKid;
    return `${version}.${kid}.${payload}.${this.mac(kid, payload)!.toString('base64url')}`;
  }

  verify(text: string, eventId: string, now: number = Date.now()): PositionTicket {
    let ticket = this.verified.get(text);
    if (!ticket) {
      ticket = this.verifySignature(text);
      this.verified.set(text, ticket);
    }
    if (ticket.eventId !== eventId) throw new PositionTicketError('wrong-event');
    if (now / 1000 > ticket.issuedAt + positionTicketTtlSeconds) throw new PositionTicketError('expired');
    return ticket;
  }

  private verifySignature(text: string): PositionTicket {
    const [ticketVersion, kid, payload, signature, ...rest] = text.split('.');
    if (ticketVersion !== version || !kid || !payload || !signature || rest.length > 0)
      throw new PositionTicketError('invalid');
    const expected = this.mac(kid, payload);
    const given = Buffer.from(signature, 'base64url');
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new PositionTicketError('invalid');
    return Object.freeze(parsePayload(payload));
  }

  private mac(kid: string, payload: string): Buffer | undefined {
    let key = this.macKeys.get(kid);
    if (!key) {
      const secret = this.keyring.keyOf(kid);
      if (!secret) return undefined;
      key = createSecretKey(createHmac('sha256', secret).update('urr-vwr-position-ticket').digest());
      this.macKeys.set(kid, key);
    }
    return createHmac('sha256', key).update(payload).digest();
  }
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const isAccount = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 64;

function parsePayload(payload: string): PositionTicket {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new PositionTicketError('invalid');
  }
  if (!Array.isArray(fields) || fields.length !== 8) throw new PositionTicketError('invalid');
  const [eventId, band, shard, seq, shards, seenAt, issuedAt, account] = fields as unknown[];
  if (
    typeof eventId !== 'string' ||
    !eventIdPattern.test(eventId) ||
    (band !== 0 && band !== 1) ||
    !isCount(shard) ||
    !isCount(seq) ||
    seq < 1 ||
    !isCount(shards) ||
    shard >= shards ||
    !isCount(seenAt) ||
    !isCount(issuedAt) ||
    !isAccount(account)
  )
    throw new PositionTicketError('invalid');
  return { eventId, band: band as Band, shard, seq, shards, seenAt, issuedAt, account };
}
