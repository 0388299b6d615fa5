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
