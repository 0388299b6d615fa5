import { operatorConfigSchema } from '@urr/operator/config';
import { Yaml } from 'cdk8s';
import { z } from 'zod';
import { ticketEventCrdFile } from '../ticket-event-crd.js';

/** The histogram every URR service exports (services/common/src/http/http-metrics.ts). */
export const requestHistogram = 'http_request_duration_seconds';

export interface RouteSeries {
  readonly method: string;
  readonly route: string;
}

/** The gateway's series of seat reserve and payment confirm: the operator's defaults (ADR 0036). */
export const bookingRoutes: Readonly<Record<'reserve' | 'confirm', RouteSeries>> = {
  reserve: operatorConfigSchema.shape.BOOKING_RESERVE_ROUTE.parse(undefined),
  confirm: operatorConfigSchema.shape.BOOKING_CONFIRM_ROUTE.parse(undefined),
};

/** Where a fan enters the Tier-2 line, as the gateway labels it (its public route template). */
export const arrivalRoute: RouteSeries = { method: 'POST', route: '/api/v1/queue/:eventId/enter' };

const sloDefault = z.object({
  spec: z.object({
    versions: z
      .array(
        z.object({
          schema: z.object({
            openAPIV3Schema: z.object({
              properties: z.object({
                spec: z.object({
                  properties: z.object({
                    slo: z.object({
                      default: z.object({
                        reserveP99Ms: z.number(),
                        confirmP99Ms: z.number(),
                        maxErrorRatio: z.number(),
                      }),
                    }),
                  }),
                }),
              }),
            }),
          }),
        }),
      )
      .min(1),
  }),
});

export interface BookingObjective {
  readonly reserveP99Seconds: number;
  readonly confirmP99Seconds: number;
  readonly maxErrorRatio: number;
}

/**
 * A TicketEvent's default booking objective (`spec.slo`), the one the operator paces admission by, as the
 * committed CRD the render installs declares it.
 */
export function defaultBookingObjective(): BookingObjective {
  const slo = sloDefault.parse(Yaml.load(ticketEventCrdFile)[0]).spec.versions[0]!.schema.openAPIV3Schema
    .properties.spec.properties.slo.default;
  return {
    reserveP99Seconds: slo.reserveP99Ms / 1000,
    confirmP99Seconds: slo.confirmP99Ms / 1000,
    maxErrorRatio: slo.maxErrorRatio,
  };
}

/** A label matcher `label="value"`. */
export const eq = (label: string, value: string) => `${label}=${JSON.stringify(value)}`;
/** A regular-expression label matcher `label=~"pattern"`. */
export const matches = (label: string, pattern: string) => `${label}=~${JSON.stringify(pattern)}`;
/** `metric{matcher,…}`. */
export const series = (metric: string, ...matchers: readonly string[]) => `${metric}{${matchers.join(',')}}`;
