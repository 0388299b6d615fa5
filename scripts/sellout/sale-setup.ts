import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { Api } from '../../frontend/src/lib/api/client.js';
import { ticketEventApi } from '../../operator/src/ticket-event.js';

/** The sale the run plays: a seated hall and a standing show, opened by their TicketEvents. */
export interface Sale {
  readonly runId: string;
  readonly seated: { readonly eventId: string; readonly performanceId: string; readonly seats: number };
  readonly standing?: { readonly eventId: string; readonly ticketTypeId: string; readonly quantity: number };
  readonly opensAt: number;
  readonly maxUsers: number;
  readonly cycleSeconds: number;
  /** The TicketEvents as applied (names and bodies), to move the opening. */
  readonly ticketEvents: readonly {
    readonly name: string;
    readonly body: ReturnType<typeof ticketEventFor>;
  }[];
}

export interface SaleSetupOptions {
  readonly organiser: Api;
  readonly runId: string;
  readonly seats: number;
  readonly standing: number;
  readonly opensAt: number;
  readonly fans: number;
  readonly namespace: string;
  readonly progress: (line: string) => void;
}

/** Rows of 20 seats; the front rows are the grade everyone wants. */
export function seatMapFor(seats: number) {
  const rows: { label: string; seats: number; grade: string }[] = [];
  for (let left = seats, index = 0; left > 0; index += 1) {
    const size = Math.min(20, left);
    rows.push({ label: `R${index + 1}`, seats: size, grade: index < 2 ? 'VIP' : 'R' });
    left -= size;
  }
  const sections: { name: string; rows: typeof rows }[] = [];
  for (let i = 0; i < rows.length; i += 200)
    sections.push({ name: `Floor ${sections.length + 1}`, rows: rows.slice(i, i + 200) });
  const prices: Record<string, number> = { VIP: 165_000, R: 99_000 };
  const used = [...new Set(rows.map((row) => row.grade))];
  return { grades: used.map((name) => ({ name, price: prices[name]! })), sections };
}

/** A TicketEvent sized for the run: admissions paced so the hall sells in a couple of minutes. */
export function ticketEventFor(options: {
  readonly name: string;
  readonly eventId: string;
  readonly opensAt: number;
  readonly seats: number;
  readonly fans: number;
  readonly maxUsers: number;
  readonly cycleSeconds: number;
}) {
  const admitStep = Math.max(20, Math.min(1000, Math.round(options.seats / 2)));
  return {
    apiVersion: ticketEventApi.apiVersion,
    kind: ticketEventApi.kind,
    metadata: { name: options.name, labels: { 'urr.guru/sellout-run': 'true' } },
    spec: {
      eventId: options.eventId,
      title: `Sellout run ${options.name}`,
      sale: {
        opensAt: new Date(options.opensAt).toISOString(),
        closesAt: new Date(options.opensAt + 6 * 3600_000).toISOString(),
      },
      waitingRoom: {
        admitStep,
        minAdmitStep: Math.max(1, Math.round(admitStep / 4)),
        maxAdmitStep: admitStep * 4,
        cycleSeconds: options.cycleSeconds,
      },
      queue: { maxActiveUsers: options.maxUsers, threshold: Math.max(1, Math.round(options.maxUsers / 10)) },
      seatLockTtlSeconds: 60,
      expectedPeakUsers: options.fans,
    },
  };
}

async function createEvent(
  organiser: Api,
  input: { runId: string; kind: 'seated' | 'standing'; opensAt: number },
) {
  const venue = await organiser.admin.createVenue({ name: `Sellout Hall ${input.runId}`, city: 'Seoul' });
  const artist = await organiser.admin.createArtist({ name: `Sellout Artist ${input.runId}` });
  const event = await organiser.admin.createEvent({
    title: `Sellout ${input.kind} ${input.runId}`,
    category: 'concert',
    artistId: artist.id,
    venueId: venue.id,
    kind: input.kind,
    salesOpenAt: new Date(input.opensAt).toISOString(),
    salesCloseAt: new Date(input.opensAt + 6 * 3600_000).toISOString(),
    maxTicketsPerReservation: 4,
    maxHeldTicketsPerAccount: 4,
    performances: [{ startsAt: new Date(input.opensAt + 14 * 86_400_000).toISOString() }],
  });
  const detail = await organiser.admin.event(event.id);
  const performance = detail.performances[0];
  if (!performance) throw new Error(`event ${event.id} has no performance`);
  return { eventId: event.id, performanceId: performance.id };
}

function kubeApi(): CustomObjectsApi {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  return kubeConfig.makeApiClient(CustomObjectsApi);
}

async function applyTicketEvent(
  api: CustomObjectsApi,
  namespace: string,
  body: ReturnType<typeof ticketEventFor>,
) {
  const { group, version, plural } = ticketEventApi;
  await api.patchNamespacedCustomObject(
    {
      group,
      version,
      namespace,
      plural,
      name: body.metadata.name,
      body: { ...body, metadata: { ...body.metadata, namespace } },
      fieldManager: 'urr-sellout',
      force: true,
    },
    setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
  );
}

async function waitUntil(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = ` (last: ${(error as Error).message})`;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${last}`);
}

async function ready(api: CustomObjectsApi, namespace: string, name: string): Promise<boolean> {
  const { group, version, plural } = ticketEventApi;
  const object = (await api.getNamespacedCustomObject({ group, version, namespace, plural, name })) as {
    status?: { conditions?: { type: string; status: string }[] };
  };
  return object.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * Opens the run's sale the way an organiser does: the events through the admin API, then a TicketEvent per
 * event applied to the cluster, Ready once the operator has set up both waiting rooms.
 */
export async function setUpSale(options: SaleSetupOptions): Promise<Sale> {
  const { organiser, runId } = options;
  const maxUsers = Math.max(20, Math.min(500, Math.round(options.seats / 4)));
  const cycleSeconds = 10;
  options.progress(`creating the seated event (${options.seats} seats)`);
  const seated = await createEvent(organiser, { runId, kind: 'seated', opensAt: options.opensAt });
  await organiser.admin.setSeatMap(seated.eventId, seatMapFor(options.seats));
  await organiser.admin.publish(seated.eventId, 'on-sale');
  let standing: Sale['standing'];
  if (options.standing > 0) {
    options.progress(`creating the standing show (${options.standing} tickets)`);
    const show = await createEvent(organiser, { runId, kind: 'standing', opensAt: options.opensAt });
    const type = await organiser.admin.addTicketType({
      name: 'Standing',
      price: 77_000,
      quantity: options.standing,
      perUserLimit: 2,
      performanceId: show.performanceId,
    });
    await organiser.admin.publish(show.eventId, 'on-sale');
    standing = { eventId: show.eventId, ticketTypeId: type.id, quantity: options.standing };
  }
  const api = kubeApi();
  // An earlier run that was stopped midway left its sales open: close them first.
  const { group, version, plural } = ticketEventApi;
  await api
    .deleteCollectionNamespacedCustomObject({
      group,
      version,
      namespace: options.namespace,
      plural,
      labelSelector: 'urr.guru/sellout-run=true',
    })
    .catch(() => undefined);
  const events = [
    { name: `sellout-${runId}-hall`, eventId: seated.eventId, seats: options.seats },
    ...(standing
      ? [{ name: `sellout-${runId}-standing`, eventId: standing.eventId, seats: standing.quantity }]
      : []),
  ];
  const ticketEvents = events.map((event) => ({
    name: event.name,
    body: ticketEventFor({ ...event, opensAt: options.opensAt, fans: options.fans, maxUsers, cycleSeconds }),
  }));
  for (const { name, body } of ticketEvents) {
    options.progress(`kubectl apply: TicketEvent ${options.namespace}/${name}`);
    await applyTicketEvent(api, options.namespace, body);
  }
  for (const event of events)
    await waitUntil(`TicketEvent ${event.name} Ready (is the operator running? npm start)`, 60_000, () =>
      ready(api, options.namespace, event.name),
    );
  for (const event of events)
    await waitUntil(
      `event ${event.eventId} in the catalog (catalog-service reads it from Kafka)`,
      60_000,
      async () => {
        await organiser.catalog.event(event.eventId);
        return true;
      },
    );
  return {
    runId,
    seated: { ...seated, seats: options.seats },
    ...(standing ? { standing } : {}),
    opensAt: options.opensAt,
    maxUsers,
    cycleSeconds,
    ticketEvents,
  };
}

/** Deletes the run's TicketEvents: the operator closes their waiting rooms and removes their keys. */
export async function closeSale(sale: Sale, namespace: string): Promise<void> {
  const api = kubeApi();
  const { group, version, plural } = ticketEventApi;
  for (const { name } of sale.ticketEvents)
    await api
      .deleteNamespacedCustomObject({ group, version, namespace, plural, name })
      .catch(() => undefined);
}
