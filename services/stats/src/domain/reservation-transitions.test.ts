import { describe, expect, it } from 'vitest';
import { conversionRate, hourOf, reservationTransition } from './reservation-transitions.js';

const sold = { ticketCount: 2, amount: 110_000 };

describe('reservationTransition', () => {
  it('follows created → confirmed, counting the tickets sold', () => {
    expect(reservationTransition(undefined, 'reservation.created', sold)).toMatchObject({
      next: 'created',
      delta: { reservationsCreated: 1, ticketsSold: 0 },
    });
    expect(reservationTransition('created', 'reservation.confirmed', sold)).toMatchObject({
      next: 'confirmed',
      delta: { reservationsCreated: 0, reservationsConfirmed: 1, ticketsSold: 2, salesAmount: 110_000 },
    });
  });

  it('a cancellation takes tickets off only when the reservation had been confirmed', () => {
    expect(reservationTransition('created', 'reservation.cancelled', sold)?.delta).toMatchObject({
      reservationsCancelled: 1,
      ticketsSold: 0,
    });
    expect(reservationTransition('confirmed', 'reservation.cancelled', sold)?.delta).toMatchObject({
      reservationsCancelled: 1,
      ticketsSold: -2,
      salesAmount: -110_000,
    });
  });

  it('a reservation seen first through a later event still counts as created once', () => {
    expect(reservationTransition(undefined, 'reservation.confirmed', sold)?.delta).toMatchObject({
      reservationsCreated: 1,
      reservationsConfirmed: 1,
      ticketsSold: 2,
    });
  });

  it('repeats and moves the life cycle does not have change nothing', () => {
    expect(reservationTransition('created', 'reservation.created', sold)).toBeUndefined();
    expect(reservationTransition('confirmed', 'reservation.confirmed', sold)).toBeUndefined();
    expect(reservationTransition('confirmed', 'reservation.expired', sold)).toBeUndefined();
    expect(reservationTransition('cancelled', 'reservation.cancelled', sold)).toBeUndefined();
    expect(reservationTransition('expired', 'reservation.confirmed', sold)).toBeUndefined();
  });
});

describe('figures', () => {
  it('conversion rate is confirmed out of created', () => {
    expect(conversionRate(0, 0)).toBe(0);
    expect(conversionRate(3, 2)).toBe(0.6667);
  });
  it('hour buckets start at the top of the UTC hour', () => {
    expect(hourOf(new Date('2025-06-01T10:59:59.999Z')).toISOString()).toBe('2025-06-01T10:00:00.000Z');
  });
});
