import { describe, expect, it } from 'vitest';
import type { RequestRecord } from './fan-http.js';
import { runFigures } from './figures.js';

const confirm = 'POST /api/v1/payments/:id/confirm';
const request = (status: number, startedAt: number, problemType?: string): RequestRecord => ({
  route: confirm,
  startedAt,
  ms: 5,
  status,
  ...(problemType ? { problemType } : {}),
});

describe("a run's server errors", () => {
  it("counts the payment provider's timeouts and the waiting room's throttle apart from the 5xx a fan should never see", () => {
    const figures = runFigures({
      opensAt: 0,
      fans: [],
      requests: [
        request(504, 100, 'urn:urr:problem:payment-provider-timeout'),
        request(504, 200, 'urn:urr:problem:upstream-timeout'),
        request(503, 5_000, 'urn:urr:problem:upstream-unavailable'),
        request(0, 300),
        request(200, 400),
        request(503, 500, 'urn:urr:problem:vwr-busy'),
      ],
      faults: [
        {
          name: 'ticket-killed',
          description: 'kill -9',
          startedAt: 4_000,
          endedAt: 6_000,
          recoveryMs: 2_000,
        },
      ],
      cpu: [],
      seatsLeft: [],
      bareRequestsPerCoreSecond: null,
    });
    expect(figures.serverErrors).toEqual({
      total: 2,
      outsideFaults: 1,
      noAnswer: 1,
      paymentProviderTimeouts: 1,
      waitingRoomBusy: 1,
    });
    expect(figures.failuresByRoute[confirm]).toEqual({ 504: 2, 503: 2, 0: 1 });
  });
});

describe("a run's CPU per booking", () => {
  const booked = (bookedAt: number) => ({ outcome: 'confirmed' as const, arrivesAt: 0, bookedAt });
  const base = {
    opensAt: 0,
    fans: [booked(1_000), booked(2_000), booked(3_000), booked(4_000)],
    requests: [],
    faults: [],
    cpu: [
      { name: 'ticket', cpuMs: 1_000 },
      { name: 'kafka', cpuMs: 300 },
      { name: 'aws', cpuMs: 800 },
    ],
    seatsLeft: [],
    bareRequestsPerCoreSecond: null,
  };

  it('charges everything to the bookings, and apart what is beyond the idle stack, emulators apart', () => {
    const figures = runFigures({
      ...base,
      standing: {
        msPerSecond: [
          { name: 'ticket', cpuMs: 10 },
          { name: 'kafka', cpuMs: 20 },
          { name: 'aws', cpuMs: 5 },
        ],
        windowSeconds: 20,
      },
    });
    expect(figures.cpuMsPerBooking.ours).toBe(325);
    expect(figures.cpuMsPerBooking.emulators).toBe(200);
    // ticket 1000 - 10 x 20 = 800, kafka 300 - 20 x 20 = nothing (never below zero), aws 800 - 100.
    expect(figures.cpuMsPerBooking.beyondStanding).toEqual({
      ours: 200,
      byProcess: { ticket: 200, kafka: 0, aws: 175 },
    });
    expect(figures.standingCpuMsPerSecond).toEqual({
      ours: 30,
      byProcess: { ticket: 10, kafka: 20, aws: 5 },
    });
  });

  it('says nothing beyond the idle stack when the idle stack was not measured', () => {
    const figures = runFigures(base);
    expect(figures.cpuMsPerBooking.beyondStanding).toBeNull();
    expect(figures.standingCpuMsPerSecond).toBeNull();
  });
});
