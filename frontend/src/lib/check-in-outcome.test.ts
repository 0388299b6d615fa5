import { describe, expect, it } from 'vitest';
import { admittedOutcome, offlineOutcome, refusedOutcome } from './check-in-outcome';

describe('what the door sees', () => {
  it('admits with the ticket number and gate', () => {
    const outcome = admittedOutcome({
      reservationId: 'r',
      ticketNumber: 1,
      ticketCount: 2,
      eventId: 'e',
      performanceId: 'p',
      gate: 'North gate 3',
      checkedInAt: '2026-12-05T20:00:00.000Z',
    });
    expect(outcome).toMatchObject({ admitted: true, title: '입장 확인' });
    expect(outcome.detail).toContain('티켓 1 / 2 · North gate 3');
  });

  it('tells a second scan where the ticket was used', () => {
    const outcome = refusedOutcome({
      type: 'urn:urr:problem:ticket:ticket-used',
      title: 'Conflict',
      status: 409,
      usedAt: '2026-12-05T20:00:00.000Z',
      gate: 'North gate 3',
    });
    expect(outcome).toMatchObject({ admitted: false, title: '이미 사용된 티켓' });
    expect(outcome.detail).toContain('North gate 3');
  });

  it('names expired, forged and transferred codes, and passes anything else on', () => {
    const of = (name: string) =>
      refusedOutcome({ type: `urn:urr:problem:ticket:${name}`, title: 'x', status: 422 }).title;
    expect(of('ticket-code-expired')).toBe('만료된 코드');
    expect(of('ticket-code-invalid')).toBe('유효하지 않은 코드');
    expect(of('ticket-transferred')).toBe('양도된 티켓');
    expect(refusedOutcome({ title: 'Forbidden', status: 403, detail: 'this needs a staff account' })).toEqual(
      {
        admitted: false,
        title: 'Forbidden',
        detail: 'this needs a staff account',
      },
    );
  });

  it('says what an offline check cannot: whether the ticket was used already', () => {
    const valid = offlineOutcome({ valid: true, reservationId: 'r', ticketNumber: 2 });
    expect(valid).toMatchObject({ admitted: true, offline: true });
    expect(valid.detail).toContain('이미 사용되었는지는 확인하지 못했습니다');
    expect(offlineOutcome({ valid: false, reason: 'expired' })).toMatchObject({
      admitted: false,
      offline: true,
    });
  });

  it('says the same in English for the door staff who read it', () => {
    const admitted = admittedOutcome(
      {
        reservationId: 'r',
        ticketNumber: 1,
        ticketCount: 2,
        eventId: 'e',
        performanceId: 'p',
        gate: 'North gate 3',
        checkedInAt: '2026-12-05T20:00:00.000Z',
      },
      'en',
    );
    expect(admitted).toMatchObject({ admitted: true, title: 'Admitted' });
    expect(admitted.detail).toContain('Ticket 1 of 2 · North gate 3');
    const used = refusedOutcome(
      {
        type: 'urn:urr:problem:ticket:ticket-used',
        title: 'Conflict',
        status: 409,
        usedAt: '2026-12-05T20:00:00.000Z',
        gate: 'North gate 3',
      },
      'en',
    );
    expect(used).toMatchObject({ admitted: false, title: 'Ticket already used' });
    expect(used.detail).toMatch(/^It was admitted at North gate 3, /);
    const of = (name: string) =>
      refusedOutcome({ type: `urn:urr:problem:ticket:${name}`, title: 'x', status: 422 }, 'en').title;
    expect(of('wrong-event')).toBe('Ticket for another event');
    expect(of('constructor')).toBe('x');
    expect(offlineOutcome({ valid: false, reason: 'malformed' }, 'en').detail).toBe(
      'This is not a URR ticket code.',
    );
    for (const outcome of [
      admitted,
      used,
      offlineOutcome({ valid: true, reservationId: 'r', ticketNumber: 2 }, 'en'),
    ])
      expect(`${outcome.title} ${outcome.detail}`).not.toMatch(/[\uac00-\ud7a3]/);
  });
});
