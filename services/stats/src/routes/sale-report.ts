import {
  type AuthUser,
  createRoute,
  createRouter,
  HttpProblem,
  jsonResponse,
  problemResponses,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { saleFactsOf } from '../db/sale-report-store.js';
import type * as schema from '../db/schema.js';
import { saleReport, TooManyBucketsError } from '../domain/sale-report.js';
import { saleReportCsv, saleReportCsvParts } from '../domain/sale-report-csv.js';
import { saleReportView, toSaleReportView } from './sale-report-view.js';

const params = z.object({ eventId: z.string().min(1).max(64) });
const reportQuery = {
  bucketSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(60)
    .openapi({ description: 'width of a time bucket' }),
  fairnessBound: z.coerce.number().int().min(0).max(1_000_000).default(0).openapi({
    description: 'places ahead of arrival order an admission may be before it counts (docs/adr/0041)',
  }),
};

const getReport = createRoute({
  method: 'get',
  path: '/events/{eventId}/report',
  summary: "One sale's report: line, tiers, wait, abandonment, bookings, revenue, seats, fairness",
  request: { params, query: z.object(reportQuery) },
  responses: {
    200: jsonResponse(saleReportView, 'The report'),
    ...problemResponses(400, 401, 403, 404, 422),
  },
});

const getReportCsv = createRoute({
  method: 'get',
  path: '/events/{eventId}/report.csv',
  summary: "One sale's report as CSV: its time series, or its summary figures",
  request: {
    params,
    query: z.object({ ...reportQuery, part: z.enum(saleReportCsvParts).default('series') }),
  },
  responses: {
    200: { description: 'The report as CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(400, 401, 403, 404, 422),
  },
});

async function reportOf(
  db: NodePgDatabase<typeof schema>,
  eventId: string,
  query: { bucketSeconds: number; fairnessBound: number },
) {
  const facts = await saleFactsOf(db, eventId);
  if (!facts)
    throw new HttpProblem(404, {
      type: 'urn:urr:problem:sale-report-not-found',
      title: 'No sale report',
      detail: `nothing has been recorded about the sale of event ${eventId}`,
    });
  try {
    return saleReport(facts, {
      eventId,
      bucketMs: query.bucketSeconds * 1000,
      fairnessBound: query.fairnessBound,
    });
  } catch (error) {
    if (!(error instanceof TooManyBucketsError)) throw error;
    throw new HttpProblem(422, {
      type: 'urn:urr:problem:sale-report-too-many-buckets',
      title: 'Buckets too small',
      detail: `${error.message}: ask for wider buckets (bucketSeconds)`,
    });
  }
}

/** The sale report under `/api/v1/admin/stats` (the admin router checks the role first). */
export function saleReportRoutes(db: NodePgDatabase<typeof schema>) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  router.openapi(getReport, async (c) => {
    const { eventId } = c.req.valid('param');
    return c.json(toSaleReportView(await reportOf(db, eventId, c.req.valid('query'))), 200);
  });
  router.openapi(getReportCsv, async (c) => {
    const { eventId } = c.req.valid('param');
    const query = c.req.valid('query');
    const report = await reportOf(db, eventId, query);
    return c.body(saleReportCsv(report, query.part), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="sale-report-${query.part}.csv"`,
    });
  });
  return router;
}
