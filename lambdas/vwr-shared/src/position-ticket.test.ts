import { randomBytes } from 'node:crypto';
import { VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { describe, expect, it } from 'vitest';
import { type PositionTicket, PositionTicketError, PositionTicketSigner } from './position-ticket.js';

const now = Date.now();
const ticket: PositionTicket = {
  eventId: 'event-1',
  band: 1,
  shard: 3,
  seq: 42,
  shards: 10,
  seenAt: Math.floor(now / 1000),
  issuedAt: Math.floor(now / 1000),
  account: 'account-1',
};

describe('position ticket', () => {
  const keyring = VwrTokenKeyring.of('k1', { k1: randomBytes(32).toString('hex') });
  const signer = new PositionTicketSigner(keyring);

  it('round-trips the holder’s slot', () => {
    expect(signer.verify(signer.sign(ticket), 'event-1', now)).toEqual(ticket);
  });

  it('refuses a ticket whose slot was edited, signed by another key, for another event, or a day old', () => {
    const [version, kid, payload, mac] = signer.sign(ticket).split('.');
    const edited = Buffer.from(
      JSON.stringify(['event-1', 1, 3, 1, 10, ticket.seenAt, ticket.issuedAt, ticket.account]),
    ).toString('base64url');
    expect(() => signer.verify([version, kid, edited, mac].join('.'), 'event-1', now)).toThrow(
      new PositionTicketError('invalid'),
    );
    const stranger = new PositionTicketSigner(
      VwrTokenKeyring.of('k1', { k1: randomBytes(32).toString('hex') }),
    );
    expect(() => signer.verify(stranger.sign(ticket), 'event-1', now)).toThrow(
      new PositionTicketError('invalid'),
    );
    expect(() => signer.verify(signer.sign(ticket), 'event-2', now)).toThrow(
      new PositionTicketError('wrong-event'),
    );
    expect(() => signer.verify(signer.sign(ticket), 'event-1', now + 86_401_000)).toThrow(
      new PositionTicketError('expired'),
    );
    expect(() => signer.verify(`${payload}`, 'event-1', now)).toThrow(new PositionTicketError('invalid'));
  });
});
