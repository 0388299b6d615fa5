/** The fan-club presale as the event page shows it: one row per tier, soonest first. */
import { bilingual, type Locale } from '../i18n/locale';

type Tier = 'diamond' | 'gold' | 'silver' | 'bronze';

const tierWords = bilingual<Record<Tier | 'general', string>>({
  ko: { diamond: '다이아몬드', gold: '골드', silver: '실버', bronze: '브론즈', general: '일반 예매' },
  en: { diamond: 'Diamond', gold: 'Gold', silver: 'Silver', bronze: 'Bronze', general: 'General sale' },
});

/** Fan-club tiers by name in a language, and the general sale for fans without one. */
export const tierLabelsIn = (locale: Locale) => tierWords[locale];
export const tierLabels = tierWords.ko;

interface Schedule {
  readonly openings: readonly { readonly tier: Tier | 'general'; readonly opensAt: string }[];
  readonly myTier: Tier | null;
}

export interface PresaleRow {
  readonly tier: Tier | 'general';
  readonly opensAt: string;
  /** The row the signed-in fan buys in: their tier, or general sale without a membership. */
  readonly mine: boolean;
  readonly open: boolean;
}

export function presaleRows(schedule: Schedule, now: number): PresaleRow[] {
  const myRow = schedule.myTier ?? 'general';
  return [...schedule.openings]
    .sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt))
    .map((opening) => ({
      tier: opening.tier,
      opensAt: opening.opensAt,
      mine: opening.tier === myRow,
      open: Date.parse(opening.opensAt) <= now,
    }));
}

/**
 * Worth showing: some tier buys before the general sale. Without a presale ticket-service still lists every
 * tier, each opening with the general sale.
 */
export function hasPresale(schedule: Schedule): boolean {
  const general = schedule.openings.find((opening) => opening.tier === 'general');
  if (!general) return false;
  const generalOpensAt = Date.parse(general.opensAt);
  return schedule.openings.some((opening) => Date.parse(opening.opensAt) < generalOpensAt);
}
