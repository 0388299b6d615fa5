import { describe, expect, it } from 'vitest';
import { saleReportProblem } from './sale-report-problem';

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

  it('leaves any other problem as it is', () => {
    const problem = { type: 'urn:urr:problem:forbidden', title: '권한 없음', status: 403 };
    expect(saleReportProblem(problem)).toBe(problem);
  });
});
