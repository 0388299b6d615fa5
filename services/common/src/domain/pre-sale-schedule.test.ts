import { describe, expect, it } from 'vitest';
import { PreSaleSchedule } from './pre-sale-schedule.js';

const presaleOpensAt = new Date('2026-03-01T11:00:00Z');
const saleOpensAt = new Date('2026-03-04T11:00:00Z');
const closesAt = new Date('2026-03-10T11:00:00Z');
const at = (iso: string) => new Date(iso);

describe('PreSaleSchedule', () => {
  const schedule = PreSaleSchedule.create({ presaleOpensAt, saleOpensAt, closesAt });

  it('opens the presale tier by tier: diamond first, then gold after 1 h, silver after 24 h, bronze after 48 h', () => {
    expect(schedule.openings().map(({ tier, opensAt }) => [tier, opensAt.toISOString()])).toEqual([
      ['diamond', '2026-03-01T11:00:00.000Z'],
      ['gold', '2026-03-01T12:00:00.000Z'],
      ['silver', '2026-03-02T11:00:00.000Z'],
      ['bronze', '2026-03-03T11:00:00.000Z'],
      ['general', '2026-03-04T11:00:00.000Z'],
    ]);
  });

  it('lets a diamond member buy at the presale opening while a gold member waits, with the reason', () => {
    expect(schedule.decide('diamond', presaleOpensAt)).toEqual({ allowed: true, window: 'presale' });
    expect(schedule.decide('gold', at('2026-03-01T11:30:00Z'))).toEqual({
      allowed: false,
      reason: 'not-open-yet',
      opensAt: at('2026-03-01T12:00:00Z'),
      detail: 'gold members may buy from 2026-03-01T12:00:00.000Z',
    });
    expect(schedule.decide('gold', at('2026-03-01T12:00:00Z'))).toEqual({ allowed: true, window: 'presale' });
  });

  it('keeps buyers without a membership out until the general sale, then lets everyone in', () => {
    const justBefore = at('2026-03-04T10:59:59.999Z');
    expect(schedule.decide(undefined, justBefore)).toMatchObject({
      allowed: false,
      reason: 'not-open-yet',
      opensAt: saleOpensAt,
      detail: 'buyers without a membership may buy from 2026-03-04T11:00:00.000Z',
    });
    expect(schedule.decide('bronze', justBefore)).toEqual({ allowed: true, window: 'presale' });
    for (const tier of [undefined, 'diamond', 'bronze'] as const)
      expect(schedule.decide(tier, saleOpensAt)).toEqual({ allowed: true, window: 'general' });
  });

  it('refuses everyone once the sale closed', () => {
    expect(schedule.decide('diamond', closesAt)).toEqual({
      allowed: false,
      reason: 'closed',
      closedAt: closesAt,
      detail: 'the sale closed at 2026-03-10T11:00:00.000Z',
    });
  });

  it('never opens a tier after the general sale when the presale window is short', () => {
    const short = PreSaleSchedule.create({ presaleOpensAt: at('2026-03-04T09:00:00Z'), saleOpensAt });
    expect(short.opensAtFor('gold')).toEqual(at('2026-03-04T10:00:00Z'));
    expect(short.opensAtFor('silver')).toEqual(saleOpensAt);
    expect(short.decide('silver', at('2026-03-04T10:30:00Z'))).toMatchObject({
      allowed: false,
      opensAt: saleOpensAt,
    });
  });

  it('without a presale, everyone starts at the sale opening', () => {
    const plain = PreSaleSchedule.create({ saleOpensAt });
    expect(plain.decide('diamond', at('2026-03-04T10:00:00Z'))).toMatchObject({
      allowed: false,
      opensAt: saleOpensAt,
    });
    expect(plain.decide('diamond', saleOpensAt)).toEqual({ allowed: true, window: 'general' });
  });

  it('refuses inconsistent schedules, naming the bad value', () => {
    expect(() => PreSaleSchedule.create({ presaleOpensAt: saleOpensAt, saleOpensAt })).toThrow(
      /presaleOpensAt .* must be before saleOpensAt/,
    );
    expect(() => PreSaleSchedule.create({ saleOpensAt, closesAt: presaleOpensAt })).toThrow(
      /closesAt .* must be after/,
    );
    expect(() =>
      PreSaleSchedule.create({
        presaleOpensAt,
        saleOpensAt,
        tierDelayHours: { diamond: 0, gold: 24, silver: 1, bronze: 48 },
      }),
    ).toThrow('tierDelayHours.silver (1) must not be less than tierDelayHours.gold (24)');
    expect(() => PreSaleSchedule.create({ saleOpensAt: new Date('nope') })).toThrow(
      'saleOpensAt is not a valid date',
    );
  });
});
