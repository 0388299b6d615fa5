import { describe, expect, it } from 'vitest';
import { ApiProblem, describeError, PassRequired } from './api/problem';
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

  it('says the same in English, naming seats as the English page prints them', () => {
    const taken = new ApiProblem({
      type: 'urn:urr:problem:ticket:seat-unavailable',
      title: 'Conflict',
      status: 409,
      seatIds: [...seatNames.keys()],
    });
    const [first = '', second = ''] = seatNames.keys();
    const inEnglish = new Map([
      [first, 'A, row 3, seat 5'],
      [second, 'A, row 3, seat 6'],
    ]);
    const oneNamed = describeError(
      taken,
      { seatName: (id) => (id === first ? inEnglish.get(id) : undefined) },
      'en',
    );
    expect(oneNamed.title).toBe('Someone else just took that seat');
    expect(oneNamed.detail).toMatch(/^Seat A, row 3, seat 5 was taken by someone else first\./);
    const bothNamed = describeError(taken, { seatName: (id) => inEnglish.get(id) }, 'en');
    expect(bothNamed.detail).toMatch(/^Seats A, row 3, seat 5; A, row 3, seat 6 were taken/);
    expect(describeError(taken, {}, 'en').detail).toMatch(/^The seat you chose was taken/);
    const declined = describeError(
      new ApiProblem({ type: 'urn:urr:problem:card-declined', title: 'Payment Required', status: 402 }),
      {},
      'en',
    );
    expect(declined.title).toBe('Your card was declined');
    expect(declined.detail).toContain('try again with another card');
  });

  it('words problems in English apart from the Korean, with no Hangul left', () => {
    const names = ['seat-unavailable', 'card-declined', 'payment-expired', 'wrong-claim-code', 'validation'];
    for (const name of names) {
      const problem: { type: string; title: string; detail?: string; attemptsLeft: number } = {
        type: `urn:urr:problem:${name}`,
        title: 'Bad',
        attemptsLeft: 0,
      };
      const korean = inFansWords(problem);
      const english = inFansWords(problem, {}, 'en');
      expect(korean.title).not.toBe('Bad');
      expect(english.title).not.toBe(korean.title);
      expect(`${english.title} ${english.detail}`).not.toMatch(/[\uac00-\ud7a3]/);
    }
  });

  it("words errors no service answered in the page's language", () => {
    const toQueue = new PassRequired('queue', 'evt-1', '/queue/evt-1');
    expect(describeError(toQueue)).toMatchObject({ title: '대기열 통과 필요', status: 0 });
    expect(describeError(toQueue).detail).toBe('예매 대기열을 다시 통과해야 합니다.');
    expect(describeError(toQueue, {}, 'en').title).toBe('Waiting room required');
    expect(describeError(new TypeError('fetch failed')).title).toBe('서버에 연결할 수 없습니다');
    expect(describeError(new TypeError('fetch failed'), {}, 'en').title).toBe("Can't reach the server");
    const slow = new DOMException('timed out', 'TimeoutError');
    expect(describeError(slow).title).toBe('서버 응답이 늦습니다');
    expect(describeError(slow, {}, 'en').title).toBe('The server is slow to answer');
    expect(describeError(new Error('boom'), {}, 'en')).toMatchObject({
      title: 'Unexpected error',
      detail: 'boom',
    });
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
    const inherited = { type: 'urn:urr:problem:constructor', title: 'Odd', status: 400 };
    expect(inFansWords(inherited, {}, 'en')).toEqual(inherited);
  });

  it('reads the name from service-scoped and plain problem types', () => {
    expect(problemName({ type: 'urn:urr:problem:ticket:not-cancellable' })).toBe('not-cancellable');
    expect(problemName({ type: 'urn:urr:problem:card-declined' })).toBe('card-declined');
    expect(problemName({ type: 'about:blank' })).toBeUndefined();
  });
});
