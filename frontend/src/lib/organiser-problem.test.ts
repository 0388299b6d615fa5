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
});
