import { describe, expect, it } from 'vitest';
import { ApiProblem, describeError } from './api/problem';
import { inFansWords, problemName } from './fan-problem';

const seatNames = new Map([
  ['8357ecb1-0000-4000-8000-000000000001', 'A구역 3열 5번'],
  ['c1ab07cb-0000-4000-8000-000000000002', 'A구역 3열 6번'],
]);

describe("a service's problem in the fan's words", () => {
  it('names taken seats by block, row and number, never by id, and says what to do next', () => {
    const taken = new ApiProblem({
      type: 'urn:urr:problem:ticket:seat-unavailable',
      title: 'Conflict',
      status: 409,
      detail: 'seats 8357ecb1-…, c1ab07cb-… are already taken; pick another',
      seatIds: [...seatNames.keys()],
    });
    const shown = describeError(taken, { seatName: (id) => seatNames.get(id) });
    expect(shown.detail).toContain('A구역 3열 5번, A구역 3열 6번 좌석');
    expect(shown.detail).toContain('다른 좌석을 골라 주세요');
    expect(`${shown.title} ${shown.detail}`).not.toMatch(/8357ecb1|Conflict|HTTP|409/);
    expect(shown.status).toBe(409);
    expect(shown.type).toBe('urn:urr:problem:ticket:seat-unavailable');
  });

  it('still reads well when the page cannot name the seats', () => {
    const shown = inFansWords<{ type: string; title: string; detail?: string; seatIds: string[] }>({
      type: 'urn:urr:problem:ticket:seat-unavailable',
      title: 'Conflict',
      seatIds: ['unknown'],
    });
    expect(shown.detail).toMatch(/^고르신 좌석/);
  });

  it('turns a declined card and a wrong password into plain Korean without codes', () => {
    const declined = describeError(
      new ApiProblem({
        type: 'urn:urr:problem:card-declined',
        title: 'Payment Required',
        status: 402,
        detail: 'the card was declined (card_declined)',
      }),
    );
    expect(declined.title).toBe('카드 승인이 거절되었습니다');
    expect(declined.detail).not.toMatch(/card_declined|HTTP|402/);
    expect(declined.detail).toContain('다른 카드로 다시 시도할 수 있습니다');
    const lastAttempt = describeError(
      new ApiProblem({
        type: 'urn:urr:problem:card-declined',
        title: 'Card declined',
        status: 402,
        attemptsLeft: 0,
        paymentStatus: 'failed',
      }),
    );
    expect(lastAttempt.detail).toContain('처음부터 다시 예매해 주세요');
    const wrongPassword = describeError(
      new ApiProblem({
        type: 'urn:urr:problem:invalid-credentials',
        title: 'Unauthorized',
        status: 401,
        detail: 'invalid email or password',
      }),
    );
    expect(wrongPassword.title).toBe('이메일 또는 비밀번호가 맞지 않습니다');
    expect(wrongPassword.detail).not.toMatch(/Unauthorized|invalid/);
  });

  it('tells a fan without a paid booking why the review was refused, and the claimant why a code failed', () => {
    const refused = describeError(
      new ApiProblem({
        type: 'urn:urr:problem:no-confirmed-reservation',
        title: 'Forbidden',
        status: 403,
        detail: 'only holders of a confirmed reservation for event 5e3d… can review it',
      }),
    );
    expect(refused.title).toBe('예매한 분만 후기를 쓸 수 있습니다');
    expect(`${refused.title} ${refused.detail}`).not.toMatch(/Forbidden|5e3d|403/);
    const wrongCode = describeError(
      new ApiProblem({
        type: 'urn:urr:problem:ticket:wrong-claim-code',
        title: 'Forbidden',
        status: 403,
        detail: 'the claim code does not match this transfer',
      }),
    );
    expect(wrongCode.title).toBe('양도 코드가 맞지 않습니다');
  });

  it('keeps a problem it does not know as the service wrote it', () => {
    const unknown = {
      type: 'urn:urr:problem:something-new',
      title: 'Teapot',
      status: 418,
      detail: 'short and stout',
    };
    expect(inFansWords(unknown)).toEqual(unknown);
    expect(inFansWords({ title: 'HTTP 502', status: 502 })).toEqual({ title: 'HTTP 502', status: 502 });
  });

  it('reads the name from service-scoped and plain problem types', () => {
    expect(problemName({ type: 'urn:urr:problem:ticket:not-cancellable' })).toBe('not-cancellable');
    expect(problemName({ type: 'urn:urr:problem:card-declined' })).toBe('card-declined');
    expect(problemName({ type: 'about:blank' })).toBeUndefined();
  });
});
