import { z } from '@urr/common';
import type { SaleReport } from '../domain/sale-report.js';

const int = () => z.number().int();
const nullableInt = () => z.number().int().nullable();
const instant = () => z.iso.datetime();

const bucketView = z
  .object({
    start: instant(),
    arrivals: int().openapi({ description: 'fans who drew an arrival number in Tier 2' }),
    admissions: int(),
    leftWaiting: int().openapi({ description: 'fans who left the line before their turn' }),
    expired: int().openapi({ description: 'booking slots lost for want of a heartbeat' }),
    ticketsBooked: int().openapi({ description: 'tickets confirmed, net of cancellations' }),
    revenue: int().openapi({ description: 'captured payments net of refunds, minor units' }),
    servingCounter: nullableInt().openapi({ description: "Tier 1's serving counter (last sample)" }),
    highestPosition: nullableInt().openapi({ description: 'highest Tier-1 position handed out' }),
    waiting: nullableInt(),
    active: nullableInt().openapi({ description: 'Tier-2 booking slots in use' }),
    maxUsers: nullableInt(),
    seatsLeft: nullableInt(),
  })
  .openapi('SaleReportBucket');

const displacedView = z
  .object({
    userId: z.string(),
    arrival: int(),
    arrivalRank: int(),
    admissionRank: int(),
    displacement: int().openapi({ description: 'earlier arrivals this admission went ahead of' }),
    reason: z.enum(['admitted-on-arrival', 'unexplained']),
  })
  .openapi('DisplacedAdmission');

export const saleReportView = z
  .object({
    eventId: z.string(),
    bucketSeconds: int(),
    from: instant().nullable(),
    to: instant().nullable(),
    buckets: z.array(bucketView),
    wait: z.object({
      measured: int(),
      p50Ms: nullableInt(),
      p90Ms: nullableInt(),
      p99Ms: nullableInt(),
      maxMs: nullableInt(),
    }),
    abandonment: z.object({
      arrivals: int(),
      admitted: int(),
      leftWaiting: int(),
      stillWaiting: int(),
      expiredSlots: int(),
      leftWaitingRate: z.number().openapi({ description: 'leftWaiting / arrivals, 0–1' }),
    }),
    sales: z.object({ ticketsBooked: int(), revenue: int(), currency: z.string().nullable() }),
    fairness: z
      .object({
        bound: int(),
        ranked: int().openapi({ description: 'admissions ranked by arrival and by admission' }),
        outOfOrder: int().openapi({
          description: 'admissions more than `bound` places ahead of arrival order',
        }),
        maxDisplacement: int(),
        byReason: z.object({ 'admitted-on-arrival': int(), unexplained: int() }),
        worst: z.array(displacedView),
      })
      .openapi({ description: 'how far admission order strayed from arrival order (docs/adr/0041)' }),
  })
  .openapi('SaleReport');

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toSaleReportView(report: SaleReport): z.infer<typeof saleReportView> {
  const { bucketMs, from, to, buckets, ...figures } = report;
  return {
    ...figures,
    bucketSeconds: bucketMs / 1000,
    from: iso(from),
    to: iso(to),
    buckets: buckets.map((bucket) => ({ ...bucket, start: new Date(bucket.start).toISOString() })),
    fairness: {
      ...figures.fairness,
      byReason: { ...figures.fairness.byReason },
      worst: [...figures.fairness.worst],
    },
  };
}
