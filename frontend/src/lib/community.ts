/** Display rules for the community pages: who wrote what, edits, ratings, and whether the fan may review. */
import { bilingual, type Locale } from '../i18n/locale';

interface Authored {
  readonly authorId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const authorWords = bilingual({
  ko: { me: '나', fan: (tag: string) => `팬 ${tag}` },
  en: { me: 'Me', fan: (tag: string) => `Fan ${tag}` },
});

/** Accounts are not public: a writer is shown as "나" to themselves and by a short tag to everyone else. */
export function authorLabel(authorId: string, viewerId: string | undefined, locale: Locale = 'ko'): string {
  const words = authorWords[locale];
  if (viewerId !== undefined && authorId === viewerId) return words.me;
  return words.fan(
    authorId
      .replace(/[^0-9a-z]/gi, '')
      .slice(0, 6)
      .toUpperCase(),
  );
}

export function isMine(item: Pick<Authored, 'authorId'>, viewerId: string | undefined): boolean {
  return viewerId !== undefined && item.authorId === viewerId;
}

/** Changed after it was written (a second's slack: both times are set by one insert). */
export function wasEdited(item: Pick<Authored, 'createdAt' | 'updatedAt'>): boolean {
  return Date.parse(item.updatedAt) - Date.parse(item.createdAt) > 1000;
}

export const ratings = [5, 4, 3, 2, 1] as const;

/** "★★★★☆" for 4 of 5. */
export function ratingStars(rating: number): string {
  const filled = Math.min(5, Math.max(0, Math.round(rating)));
  return '★'.repeat(filled) + '☆'.repeat(5 - filled);
}

/** "4.3" (one decimal); null while an event has no reviews. */
export function formatAverageRating(average: number | null): string | null {
  return average === null ? null : (Math.round(average * 10) / 10).toFixed(1);
}

/**
 * What the review form offers the fan. community-service takes a review only from a holder of a confirmed
 * reservation of the event (403 `no-confirmed-reservation`), one per event (409 `already-reviewed`); this
 * reads the same rules from what the page has loaded, so the fan is told before writing. The service
 * still decides.
 */
export type ReviewStanding = 'signed-out' | 'reviewed' | 'can-review' | 'needs-booking';

export function reviewStanding(input: {
  readonly eventId: string;
  readonly viewerId: string | null | undefined;
  readonly reviews: readonly Pick<Authored, 'authorId'>[];
  readonly reservations: readonly { readonly eventId: string; readonly status: string }[];
}): ReviewStanding {
  if (!input.viewerId) return 'signed-out';
  const viewerId = input.viewerId;
  if (input.reviews.some((review) => review.authorId === viewerId)) return 'reviewed';
  const booked = input.reservations.some(
    (reservation) => reservation.eventId === input.eventId && reservation.status === 'CONFIRMED',
  );
  return booked ? 'can-review' : 'needs-booking';
}
