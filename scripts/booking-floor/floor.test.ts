import { describe, expect, it } from 'vitest';
import { type BookingShape, bookingFloor, shareThatFits, type UnitCosts } from './floor.js';

const shape: BookingShape = {
  servedRequests: 10,
  sentRequests: 5,
  statements: 40,
  kafkaMessages: 2,
  kafkaDeliveries: 4,
  redisRoundTrips: 20,
};
const costs: UnitCosts = {
  servedRequests: 0.1,
  sentRequests: 0.2,
  statements: 0.15,
  kafkaMessages: 0.5,
  kafkaDeliveries: 0.25,
  redisRoundTrips: 0.05,
};

describe("a booking's floor", () => {
  it('prices each unit of work and adds them up', () => {
    const floor = bookingFloor(shape, costs);
    expect(floor.byUnit).toEqual({
      servedRequests: 1,
      sentRequests: 1,
      statements: 6,
      kafkaMessages: 1,
      kafkaDeliveries: 1,
      redisRoundTrips: 1,
    });
    expect(floor.totalMs).toBe(11);
  });

  it('says how much of the shape fits a budget', () => {
    const floor = bookingFloor(shape, costs);
    expect(shareThatFits(floor, 22)).toBe(1);
    expect(shareThatFits(floor, 5.5)).toBe(0.5);
  });
});
