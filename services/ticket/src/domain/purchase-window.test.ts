import { describe, expect, it } from 'vitest';
import { checkPurchase, type SaleWindow } from './purchase-window.js';

const sale: SaleWindow = {
  status: 'scheduled',
  presaleOpensAt: new Date('2026-05-01T10:00:00Z'),
  salesOpenAt: new Date('2026-05-03T10:00:00Z'),
  salesCloseAt: new Date('2026-05-10T10:00:00Z'),
};

describe('checkPurchase', () => {
  it('lets a diamond member buy in the presale and tells a non-member when the general sale opens', () => {
    const inPresale = new Date('2026-05-01T10:30:00Z');
    expect(checkPurchase(sale, 'diamond', inPresale)).toEqual({ allowed: true, window: 'presale' });
    expect(checkPurchase(sale, undefined, inPresale)).toEqual({
      allowed: false,
      reason: 'not-open-yet',
      opensAt: sale.salesOpenAt,
      detail: 'buyers without a membership may buy from 2026-05-03T10:00:00.000Z',
    });
    expect(checkPurchase(sale, undefined, sale.salesOpenAt)).toEqual({ allowed: true, window: 'general' });
  });

  it('sells nothing for a draft, cancelled or sold-out event, and nothing after the close', () => {
    const open = new Date('2026-05-04T00:00:00Z');
    for (const status of ['draft', 'cancelled', 'sold-out', 'closed'] as const)
      expect(checkPurchase({ ...sale, status }, 'diamond', open)).toEqual({
        allowed: false,
        reason: 'not-on-sale',
        detail: `the event is ${status}`,
      });
    expect(checkPurchase(sale, 'diamond', sale.salesCloseAt)).toMatchObject({
      allowed: false,
      reason: 'closed',
    });
  });
});
