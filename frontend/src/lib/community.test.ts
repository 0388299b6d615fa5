import { describe, expect, it } from 'vitest';
import {
  authorLabel,
  formatAverageRating,
  isMine,
  ratingStars,
  reviewStanding,
  wasEdited,
} from './community';

const me = '3f2a9c1e-0000-4000-8000-000000000001';
const other = 'b71d04aa-0000-4000-8000-000000000002';
const eventId = '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2200';

describe('who wrote it', () => {
  it('says 나 to the author and a short tag, never the whole id, to everyone else', () => {
    expect(authorLabel(me, me)).toBe('나');
    expect(authorLabel(me, other)).toBe('팬 3F2A9C');
    expect(authorLabel(me, undefined)).toBe('팬 3F2A9C');
    expect(authorLabel(me, me, 'en')).toBe('Me');
    expect(authorLabel(me, other, 'en')).toBe('Fan 3F2A9C');
    expect(isMine({ authorId: me }, me)).toBe(true);
    expect(isMine({ authorId: me }, other)).toBe(false);
    expect(isMine({ authorId: me }, undefined)).toBe(false);
  });

  it('marks an edit only when the text changed after the insert', () => {
    expect(wasEdited({ createdAt: '2026-12-05T10:00:00.000Z', updatedAt: '2026-12-05T10:00:00.300Z' })).toBe(
      false,
    );
    expect(wasEdited({ createdAt: '2026-12-05T10:00:00.000Z', updatedAt: '2026-12-05T10:05:00.000Z' })).toBe(
      true,
    );
  });
});

describe('ratings', () => {
  it('draws five stars, filled up to the rating', () => {
    expect(ratingStars(4)).toBe('★★★★☆');
    expect(ratingStars(1)).toBe('★☆☆☆☆');
    expect(ratingStars(9)).toBe('★★★★★');
  });

  it('rounds the average to one decimal and has none without reviews', () => {
    expect(formatAverageRating(4.25)).toBe('4.3');
    expect(formatAverageRating(5)).toBe('5.0');
    expect(formatAverageRating(null)).toBeNull();
  });
});

describe('whether the fan may review the event', () => {
  const confirmed = { eventId, status: 'CONFIRMED' };

  it('asks a signed-out fan to sign in', () => {
    expect(reviewStanding({ eventId, viewerId: null, reviews: [], reservations: [confirmed] })).toBe(
      'signed-out',
    );
  });

  it('opens the form for a confirmed booking of this event only', () => {
    expect(reviewStanding({ eventId, viewerId: me, reviews: [], reservations: [confirmed] })).toBe(
      'can-review',
    );
    expect(
      reviewStanding({
        eventId,
        viewerId: me,
        reviews: [],
        reservations: [
          { eventId, status: 'PENDING_PAYMENT' },
          { eventId, status: 'CANCELLED' },
          { eventId: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2201', status: 'CONFIRMED' },
        ],
      }),
    ).toBe('needs-booking');
  });

  it('sends a fan who reviewed already to their review, whatever else they hold', () => {
    expect(
      reviewStanding({
        eventId,
        viewerId: me,
        reviews: [{ authorId: other }, { authorId: me }],
        reservations: [],
      }),
    ).toBe('reviewed');
  });
});
