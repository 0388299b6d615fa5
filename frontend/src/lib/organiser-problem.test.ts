import { describe, expect, it } from 'vitest';
import { ApiProblem } from './api/problem';
import { describeOrganiserError } from './organiser-problem';

const answer = (status: number, type: string | undefined, detail: string) =>
  new ApiProblem({ status, title: 'Conflict', type, detail });

describe('describeOrganiserError', () => {
  it('says a known problem in Korean and keeps the service’s detail after it', () => {
    const shown = describeOrganiserError(
      answer(422, 'urn:urr:problem:ticket:invalid-seat-map', 'grade "R" is used by no row'),
    );
    expect(shown.title).toBe('좌석 배치도를 저장할 수 없습니다');
    expect(shown.detail).toBe('(grade "R" is used by no row)');
    expect(shown.status).toBe(422);
    expect(
      describeOrganiserError(answer(409, 'urn:urr:problem:ticket:event-has-reservations', 'x')).title,
    ).toBe('이미 예매된 공연입니다');
  });

  it('spells out sign-in and permission, and falls back to the shared words otherwise', () => {
    expect(describeOrganiserError(answer(403, undefined, 'admin only')).title).toBe('권한이 없습니다');
    expect(describeOrganiserError(answer(401, undefined, '')).title).toBe('로그인이 필요합니다');
    expect(describeOrganiserError(answer(409, 'urn:urr:problem:other', 'why')).title).toBe('Conflict');
    expect(describeOrganiserError(new TypeError('fetch failed')).title).toBe('서버에 연결할 수 없습니다');
  });

  it('says the same in English, keeping the service’s own words for problems it does not know', () => {
    const shown = describeOrganiserError(
      answer(422, 'urn:urr:problem:ticket:invalid-seat-map', 'grade "R" is used by no row'),
      'en',
    );
    expect(shown.title).toBe("The seat map can't be saved");
    expect(shown.detail).toBe('(grade "R" is used by no row)');
    expect(describeOrganiserError(answer(403, undefined, 'admin only'), 'en')).toMatchObject({
      title: 'Not allowed',
      detail: 'Only admin accounts can do this. (admin only)',
    });
    expect(describeOrganiserError(answer(404, undefined, ''), 'en').title).toBe('Not found');
    expect(describeOrganiserError(answer(409, 'urn:urr:problem:other', 'why'), 'en')).toMatchObject({
      title: 'Conflict',
      detail: 'why',
    });
    expect(describeOrganiserError(new TypeError('fetch failed'), 'en').title).toBe("Can't reach the server");
    expect(describeOrganiserError(new Error('boom'), 'en')).toMatchObject({
      title: 'Unexpected error',
      detail: 'boom',
    });
  });
});
