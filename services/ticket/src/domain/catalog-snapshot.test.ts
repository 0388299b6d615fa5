import { catalogEventSnapshot } from '@urr/common/events/domain-events';
import { describe, expect, it } from 'vitest';
import { catalogSnapshotOf, type EventFacts } from './catalog-snapshot.js';

const facts: EventFacts = {
  id: 'e1',
  title: 'Spring Concert',
  description: '',
  category: 'concert',
  kind: 'seated',
  status: 'scheduled',
  organiserId: 'admin-1',
  currency: 'KRW',
  salesOpenAt: new Date('2026-04-01T11:00:00Z'),
  salesCloseAt: new Date('2026-04-20T11:00:00Z'),
  version: 3,
  artist: { id: 'a1', name: 'The Band' },
  venue: { id: 'v1', name: 'Hall', city: 'Seoul' },
  performances: [
    { id: 'p2', startsAt: new Date('2026-04-22T10:00:00Z') },
    { id: 'p1', startsAt: new Date('2026-04-21T10:00:00Z') },
  ],
  prices: [99_000, 154_000, 132_000],
};

describe('catalogSnapshotOf', () => {
  it('gives catalog the price range and the performances in date order, valid by the shared contract', () => {
    const snapshot = catalogSnapshotOf(facts);
    expect(snapshot.priceRange).toEqual({ min: 99_000, max: 154_000, currency: 'KRW' });
    expect(snapshot.performances.map((performance) => performance.id)).toEqual(['p1', 'p2']);
    expect(catalogEventSnapshot.parse(snapshot)).toEqual(snapshot);
  });

  it('shows a zero price range while no prices are set', () => {
    expect(catalogSnapshotOf({ ...facts, prices: [] }).priceRange).toEqual({
      min: 0,
      max: 0,
      currency: 'KRW',
    });
  });
});
