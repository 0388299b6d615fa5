/** Membership tiers, best first. Members buy in presale, one tier after another; everyone else at the sale opening. */
export const membershipTiers = ['diamond', 'gold', 'silver', 'bronze'] as const;
export type MembershipTier = (typeof membershipTiers)[number];

/** Hours after the presale opening at which each tier may start buying (the original URR schedule). */
export const defaultTierDelayHours: Readonly<Record<MembershipTier, number>> = {
  diamond: 0,
  gold: 1,
  silver: 24,
  bronze: 48,
};

export interface PreSaleScheduleSpec {
  /** General sale: everyone, members or not, may buy from here. */
  readonly saleOpensAt: Date;
  /** Presale for members; omit for a sale without presale. Must be before `saleOpensAt`. */
  readonly presaleOpensAt?: Date | undefined;
  /** No one buys from here on. */
  readonly closesAt?: Date | undefined;
  /** @default defaultTierDelayHours */
  readonly tierDelayHours?: Readonly<Record<MembershipTier, number>>;
}

export type PurchaseDecision =
  | { readonly allowed: true; readonly window: 'presale' | 'general' }
  | {
      readonly allowed: false;
      readonly reason: 'not-open-yet';
      /** When this buyer may start. */
      readonly opensAt: Date;
      readonly detail: string;
    }
  | { readonly allowed: false; readonly reason: 'closed'; readonly closedAt: Date; readonly detail: string };

const hourMs = 3_600_000;

/**
 * When each buyer may buy one event's tickets. A tier's presale opens `tierDelayHours[tier]` after the
 * presale opening, but never after the general sale opening. Build it with {@link PreSaleSchedule.create},
 * which refuses inconsistent times.
 */
export class PreSaleSchedule {
  private constructor(
    readonly saleOpensAt: Date,
    readonly presaleOpensAt: Date | undefined,
    readonly closesAt: Date | undefined,
    private readonly tierOpensAt: Readonly<Record<MembershipTier, Date>>,
  ) {}

  static create(spec: PreSaleScheduleSpec): PreSaleSchedule {
    const { saleOpensAt, presaleOpensAt, closesAt } = spec;
    const delays = spec.tierDelayHours ?? defaultTierDelayHours;
    for (const [name, date] of Object.entries({ saleOpensAt, presaleOpensAt, closesAt }))
      if (date !== undefined && Number.isNaN(date.getTime()))
        throw new RangeError(`${name} is not a valid date`);
    if (presaleOpensAt && presaleOpensAt >= saleOpensAt)
      throw new RangeError(
        `presaleOpensAt (${presaleOpensAt.toISOString()}) must be before saleOpensAt (${saleOpensAt.toISOString()})`,
      );
    if (closesAt && closesAt <= saleOpensAt)
      throw new RangeError(
        `closesAt (${closesAt.toISOString()}) must be after saleOpensAt (${saleOpensAt.toISOString()})`,
      );
    membershipTiers.forEach((tier, index) => {
      const delay = delays[tier];
      if (!Number.isFinite(delay) || delay < 0)
        throw new RangeError(`tierDelayHours.${tier} must be a number of hours >= 0, got ${delay}`);
      const better = membershipTiers[index - 1];
      if (better && delay < delays[better])
        throw new RangeError(
          `tierDelayHours.${tier} (${delay}) must not be less than tierDelayHours.${better} (${delays[better]}): a lower tier cannot buy earlier`,
        );
    });
    const tierOpensAt = Object.fromEntries(
      membershipTiers.map((tier) => [
        tier,
        presaleOpensAt
          ? new Date(Math.min(presaleOpensAt.getTime() + delays[tier] * hourMs, saleOpensAt.getTime()))
          : saleOpensAt,
      ]),
    ) as Record<MembershipTier, Date>;
    return new PreSaleSchedule(saleOpensAt, presaleOpensAt, closesAt, tierOpensAt);
  }

  /** When a buyer of `tier` (undefined: no membership) may start buying. */
  opensAtFor(tier: MembershipTier | undefined): Date {
    return tier ? this.tierOpensAt[tier] : this.saleOpensAt;
  }

  /** Each tier's opening then the general one, for showing the schedule on the event page. */
  openings(): { readonly tier: MembershipTier | 'general'; readonly opensAt: Date }[] {
    return [
      ...membershipTiers.map((tier) => ({ tier, opensAt: this.tierOpensAt[tier] })),
      { tier: 'general' as const, opensAt: this.saleOpensAt },
    ];
  }

  /** Whether a buyer of `tier` may buy at `now`, and why not when not. */
  decide(tier: MembershipTier | undefined, now: Date): PurchaseDecision {
    if (this.closesAt && now >= this.closesAt)
      return {
        allowed: false,
        reason: 'closed',
        closedAt: this.closesAt,
        detail: `the sale closed at ${this.closesAt.toISOString()}`,
      };
    if (now >= this.saleOpensAt) return { allowed: true, window: 'general' };
    const opensAt = this.opensAtFor(tier);
    if (now >= opensAt) return { allowed: true, window: 'presale' };
    const who = tier ? `${tier} members` : 'buyers without a membership';
    return {
      allowed: false,
      reason: 'not-open-yet',
      opensAt,
      detail: `${who} may buy from ${opensAt.toISOString()}`,
    };
  }
}
