import { describe, expect, it } from 'vitest';
import { type EventSnapshot, eventRowOf, performanceRowsOf } from './event-snapshot.js';

const snapshot: EventSnapshot = {
  eventId: 'e-1',
  title: 'IU Concert',
  description: 'HEREH world tour',
  artist: { id: 'a-1', name: 'IU' },
  venue: { id: 'v-1', name: 'KSPO Dome', city: 'Seoul' },
  organiserId: 'u-1',
  category: 'concert',
  kind: 'seated',
  status: 'on-sale',
  salesOpenAt: '2026-03-01T11:00:00+09:00',
  salesCloseAt: '2026-04-01T11:00:00+09:00',
  performances: [
    { id: 'p-2', startsAt: '2026-04-12T18:00:00+09:00' },
    { id: 'p-1', startsAt: '2026-04-11T18:00:00+09:00' },
  ],
  priceRange: { min: 99_000, max: 165_000, currency: 'KRW' },
  version: 4,
};

describe('eventRowOf', () => {
  it('flattens the snapshot and finds the first and last performance whatever their order', () => {
    expect(eventRowOf(snapshot)).toMatchObject({
      eventId: 'e-1',
      artistName: 'IU',
      venueCity: 'Seoul',
      salesOpenAt: new Date('2026-03-01T02:00:00Z'),
      firstPerformanceAt: new Date('2026-04-11T09:00:00Z'),
      lastPerformanceAt: new Date('2026-04-12T09:00:00Z'),
      priceMin: 99_000,
      currency: 'KRW',
      version: 4,
    });
  });

  it('leaves the performance dates empty for an event without performances', () => {
    expect(eventRowOf({ ...snapshot, performances: [] })).toMatchObject({
      firstPerformanceAt: null,
      lastPerformanceAt: null,
    });
  });
});

describe('performanceRowsOf', () => {
  it('keeps one row per performance id', () => {
    const rows = performanceRowsOf({
      ...snapshot,
      performances: [...snapshot.performances, { id: 'p-1', startsAt: '2026-04-11T19:00:00+09:00' }],
    });
    expect(rows).toEqual([
      { performanceId: 'p-2', startsAt: new Date('2026-04-12T09:00:00Z') },
      { performanceId: 'p-1', startsAt: new Date('2026-04-11T10:00:00Z') },
    ]);
  });
});
