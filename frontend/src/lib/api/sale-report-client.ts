import { createRequester, pathWithQuery, type Requester } from './http';
import type { components } from './public-api';

/** stats-service's report of one sale (docs/adr/0041), as the public OpenAPI document describes it. */
export type SaleReport = components['schemas']['SaleReport'];
export type SaleReportCsvPart = 'series' | 'summary';

const reportPath = (eventId: string) => `/api/v1/admin/stats/events/${encodeURIComponent(eventId)}/report`;

export function saleReportCalls(call: Requester) {
  return {
    report: (eventId: string, bucketSeconds: number) =>
      call<SaleReport>(reportPath(eventId), { query: { bucketSeconds } }),
    /** A same-origin link: the browser sends the session cookie and saves the file. */
    csvHref: (eventId: string, bucketSeconds: number, part: SaleReportCsvPart) =>
      pathWithQuery(`${reportPath(eventId)}.csv`, { bucketSeconds, part }),
  };
}

/** The browser's calls: same origin (the edge), cookies, an expired session renewed once. */
export const saleReportApi = saleReportCalls(createRequester({ baseUrl: '', refreshSession: true }));
