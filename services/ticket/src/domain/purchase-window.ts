import { type MembershipTier, PreSaleSchedule } from '@urr/common';

export const eventStatuses = ['draft', 'scheduled', 'on-sale', 'sold-out', 'closed', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];

/** Statuses in which the schedule decides; in the others nobody buys, whatever the time. */
const sellingStatuses: readonly EventStatus[] = ['scheduled', 'on-sale'];

export interface SaleWindow {
  readonly status: EventStatus;
  readonly presaleOpensAt: Date | null;
  readonly salesOpenAt: Date;
  readonly salesCloseAt: Date;
}

export type PurchaseRefusal =
  | { readonly reason: 'not-on-sale'; readonly detail: string }
  | { readonly reason: 'not-open-yet'; readonly detail: string; readonly opensAt: Date }
  | { readonly reason: 'closed'; readonly detail: string };

export type PurchaseCheck =
  | { readonly allowed: true; readonly window: 'presale' | 'general' }
  | ({ readonly allowed: false } & PurchaseRefusal);

export function scheduleOf(sale: SaleWindow): PreSaleSchedule {
  return PreSaleSchedule.create({
    saleOpensAt: sale.salesOpenAt,
    presaleOpensAt: sale.presaleOpensAt ?? undefined,
    closesAt: sale.salesCloseAt,
  });
}

/**
 * Whether a buyer with membership `tier` (undefined: none) of the event's artist may buy now: the
 * event must be selling, and the presale schedule must have opened for that tier.
 */
export function checkPurchase(sale: SaleWindow, tier: MembershipTier | undefined, now: Date): PurchaseCheck {
  if (!sellingStatuses.includes(sale.status))
    return { allowed: false, reason: 'not-on-sale', detail: `the event is ${sale.status}` };
  const decision = scheduleOf(sale).decide(tier, now);
  if (decision.allowed) return decision;
  if (decision.reason === 'closed') return { allowed: false, reason: 'closed', detail: decision.detail };
  return { allowed: false, reason: 'not-open-yet', detail: decision.detail, opensAt: decision.opensAt };
}
