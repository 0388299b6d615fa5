import { describe, expect, it } from 'vitest';
import { ApiProblem } from './api/problem';
import { describeSaleReportError, saleReportProblem, widerBucketAfter } from './sale-report-problem';

describe("the sale report's problems", () => {
  it('says a missing report and too fine buckets in Korean, keeping the detail', () => {
    expect(
      saleReportProblem({
        type: 'urn:urr:problem:sale-report-not-found',
        title: 'No sale report',
        status: 404,
        detail: 'nothing has been recorded about the sale of event e-1',
      }),
    ).toEqual({
      type: 'urn:urr:problem:sale-report-not-found',
      title: '아직 판매 기록이 없습니다',
      status: 404,
      detail:
        '대기열에 사람이 들어오거나 예매가 생기면 리포트가 채워집니다. (nothing has been recorded about the sale of event e-1)',
    });
    expect(
      saleReportProblem({ type: 'urn:urr:problem:sale-report-too-many-buckets', title: 'x', status: 422 })
        .title,
    ).toBe('구간이 너무 짧습니다');
  });

  it('says them in English when asked, keeping the detail', () => {
    expect(
      saleReportProblem(
        {
          type: 'urn:urr:problem:sale-report-not-found',
          title: 'No sale report',
          status: 404,
          detail: 'nothing has been recorded about the sale of event e-1',
        },
        'en',
      ),
    ).toEqual({
      type: 'urn:urr:problem:sale-report-not-found',
      title: 'Nothing recorded about this sale yet',
      status: 404,
      detail:
        'The report fills in once people join the waiting line or tickets are booked. (nothing has been recorded about the sale of event e-1)',
    });
    expect(
      saleReportProblem(
        { type: 'urn:urr:problem:sale-report-too-many-buckets', title: 'x', status: 422 },
        'en',
      ),
    ).toMatchObject({
      title: 'The interval is too short',
      detail: 'Choose a longer interval for a sale this long.',
    });
  });

  it('leaves any other problem as it is', () => {
    const problem = { type: 'urn:urr:problem:forbidden', title: '권한 없음', status: 403 };
    expect(saleReportProblem(problem)).toBe(problem);
    expect(saleReportProblem(problem, 'en')).toBe(problem);
  });

  it('words a failed read: its own problems first, the rest as the admin pages do, in either language', () => {
    const notFound = new ApiProblem({
      type: 'urn:urr:problem:sale-report-not-found',
      title: 'No sale report',
      status: 404,
    });
    expect(describeSaleReportError(notFound).title).toBe('아직 판매 기록이 없습니다');
    expect(describeSaleReportError(notFound, 'en')).toMatchObject({
      title: 'Nothing recorded about this sale yet',
      detail: 'The report fills in once people join the waiting line or tickets are booked.',
      status: 404,
    });
    const refused = new ApiProblem({ title: 'Forbidden', status: 403, detail: 'admin only' });
    expect(describeSaleReportError(refused).title).toBe('권한이 없습니다');
    expect(describeSaleReportError(refused, 'en')).toMatchObject({
      title: 'Not allowed',
      detail: 'Only admin accounts can do this. (admin only)',
    });
    expect(describeSaleReportError(new TypeError('fetch failed')).title).toBe('서버에 연결할 수 없습니다');
    expect(describeSaleReportError(new TypeError('fetch failed'), 'en').title).toBe("Can't reach the server");
  });

  it('steps to the next wider bucket when the sale spans too many, and to none otherwise', () => {
    const tooMany = new ApiProblem({
      type: 'urn:urr:problem:sale-report-too-many-buckets',
      title: 'Buckets too small',
      status: 422,
    });
    const choices = [10, 60, 300, 900, 3600];
    expect(widerBucketAfter(tooMany, 10, choices)).toBe(60);
    expect(widerBucketAfter(tooMany, 300, choices)).toBe(900);
    expect(widerBucketAfter(tooMany, 3600, choices)).toBeUndefined();
    const missing = new ApiProblem({
      type: 'urn:urr:problem:sale-report-not-found',
      title: 'Not found',
      status: 404,
    });
    expect(widerBucketAfter(missing, 10, choices)).toBeUndefined();
    expect(widerBucketAfter(new Error('offline'), 10, choices)).toBeUndefined();
  });
});
