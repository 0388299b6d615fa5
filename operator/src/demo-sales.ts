import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import type { KubeClient } from './kube/kube-client.js';
import { ticketEventApi } from './ticket-event.js';

/**
 * The demo sales of the local stack are TicketEvents, opened the declarative way: the examples in
 * operator/examples, each naming one of the demo events that ticket-service is seeded with, applied
 * with that event's own sale window (the seed dates the demo events from the day it first ran).
 */
export const examplesDir = join(import.meta.dirname, '..', 'examples');

const exampleSchema = z.object({
  apiVersion: z.literal(ticketEventApi.apiVersion),
  kind: z.literal(ticketEventApi.kind),
  metadata: z.object({ name: z.string().min(1) }),
  spec: z.looseObject({ eventId: z.string().min(1), sale: z.looseObject({}) }),
});
export type ExampleTicketEvent = z.infer<typeof exampleSchema>;

export function readExamples(dir = examplesDir): ExampleTicketEvent[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = exampleSchema.safeParse(yaml.load(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file} is not a TicketEvent: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}

/** An event's sale window as ticket-service holds it. */
export interface SaleWindow {
  readonly presaleOpensAt: string | null;
  readonly salesOpenAt: string;
  readonly salesCloseAt: string;
}

/** The example with ticket-service's sale window in place of its own dates. */
export function withSaleWindow(example: ExampleTicketEvent, window: SaleWindow): ExampleTicketEvent {
  return {
    ...example,
    spec: {
      ...example.spec,
      sale: {
        ...(window.presaleOpensAt ? { presale: { opensAt: window.presaleOpensAt } } : {}),
        opensAt: window.salesOpenAt,
        closesAt: window.salesCloseAt,
      },
    },
  };
}

const eventDetail = z.object({
  event: z.object({
    presaleOpensAt: z.string().nullable(),
    salesOpenAt: z.string(),
    salesCloseAt: z.string(),
  }),
});

/** Who the demo seeding is to ticket-service's admin API (the local stack's seeding admin). */
const seedingAdmin = {
  'x-user-id': 'urr-demo-seed',
  'x-user-email': 'seed@urr.local',
  'x-user-role': 'admin',
};

/** Reads an event's sale window from ticket-service's admin API, as the gateway forwards an admin's read. */
export async function saleWindowOf(ticketUrl: string, eventId: string): Promise<SaleWindow> {
  const url = `${ticketUrl.replace(/\/+$/, '')}/api/v1/admin/events/${encodeURIComponent(eventId)}`;
  const response = await fetch(url, { headers: { accept: 'application/json', ...seedingAdmin } }).catch(
    (error: unknown) => {
      throw new Error(`ticket-service did not answer ${url} (${(error as Error).message}); is it running?`);
    },
  );
  if (!response.ok)
    throw new Error(
      `ticket-service answered ${response.status} for event ${eventId}; is the demo data seeded?`,
    );
  return eventDetail.parse(await response.json()).event;
}

/** Server-side applies each demo sale into `namespace` (our fields only; a kubectl edit of others stays). */
export async function applyDemoSales(options: {
  readonly kube: KubeClient;
  readonly namespace: string;
  readonly ticketUrl: string;
  readonly examples?: readonly ExampleTicketEvent[];
}): Promise<ExampleTicketEvent[]> {
  const applied: ExampleTicketEvent[] = [];
  for (const example of options.examples ?? readExamples()) {
    const sale = withSaleWindow(example, await saleWindowOf(options.ticketUrl, example.spec.eventId));
    await options.kube.apply(
      ticketEventApi,
      { namespace: options.namespace, name: sale.metadata.name },
      { ...sale, metadata: { ...sale.metadata, namespace: options.namespace } },
      { fieldManager: 'urr-demo-seed', force: true },
    );
    applied.push(sale);
  }
  return applied;
}
