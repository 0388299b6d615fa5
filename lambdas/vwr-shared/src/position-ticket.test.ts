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

  it('holds a ticket it has verified before to its event and its expiry, and refuses any other text', () => {
    const text = signer.sign(ticket);
    expect(signer.verify(text, 'event-1', now)).toEqual(ticket);
    expect(() => signer.verify(text, 'event-2', now)).toThrow(new PositionTicketError('wrong-event'));
    expect(() => signer.verify(text, 'event-1', now + 86_401_000)).toThrow(
      new PositionTicketError('expired'),
    );
    const [version, kid, payload, mac] = text.split('.');
    const otherMac = `${mac!.slice(0, -2)}${mac!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => signer.verify([version, kid, payload, otherMac].join('.'), 'event-1', now)).toThrow(
      new PositionTicketError('invalid'),
    );
    expect(() => signer.verify(`${text}.`, 'event-1', now)).toThrow(new PositionTicketError('invalid'));
    expect(signer.verify(text, 'event-1', now)).toEqual(ticket);
  });

  it('hands out a verified ticket that cannot be changed for the next holder of the same text', () => {
    const text = signer.sign(ticket);
    const verified = signer.verify(text, 'event-1', now) as { seq: number };
    expect(() => {
      verified.seq = 1;
    }).toThrow(TypeError);
    expect(signer.verify(text, 'event-1', now).seq).toBe(42);
  });

  it('keeps verifying once it remembers no more tickets than it may', () => {
    const small = new PositionTicketSigner(keyring, { remembered: 2 });
    const texts = [1, 2, 3, 4].map((seq) => small.sign({ ...ticket, seq }));
    for (const text of [...texts, ...texts])
      expect(small.verify(text, 'event-1', now).eventId).toBe('event-1');
    expect(() => small.verify(texts[0]!.replace('.k1.', '.k2.'), 'event-1', now)).toThrow(
      new PositionTicketError('invalid'),
    );
  });
});
