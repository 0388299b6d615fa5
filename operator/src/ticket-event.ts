import { z } from 'zod';

/**
 * The TicketEvent resource: its API coordinates, and its spec and status as zod schemas. The CRD's
 * OpenAPI schema in crds/ is generated from these schemas (see crd.ts), so the TypeScript types, the
 * validation the operator applies to what it reads, and `kubectl explain` say the same thing.
 */
export const ticketEventApi = {
  group: 'urr.guru',
  version: 'v1alpha1',
  kind: 'TicketEvent',
  listKind: 'TicketEventList',
  plural: 'ticketevents',
  singular: 'ticketevent',
  shortNames: ['te', 'tev'],
  apiVersion: 'urr.guru/v1alpha1',
  crdName: 'ticketevents.urr.guru',
} as const;

/** Holds a deleted TicketEvent until its waiting room is closed and its Redis keys are gone. */
export const cleanupFinalizer = 'urr.guru/ticketevent-cleanup';

export const phases = [
  'Scheduled',
  'PreSale',
  'OnSale',
  'SoldOut',
  'Closed',
  'Paused',
  'EventNotFound',
] as const;
export type Phase = (typeof phases)[number];

const celRules = (...rules: { rule: string; message: string; fieldPath?: string }[]) => ({
  'x-kubernetes-validations': rules,
});

const instant = (description: string) => z.iso.datetime({ offset: true }).describe(description);

const replicaBounds = (service: string, seedMin: number, seedMax: number) =>
  z
    .object({
      minReplicas: z
        .int()
        .min(1)
        .max(500)
        .describe(`Fewest ${service} pods while the sale is hot (written to the HPA's minReplicas).`),
      maxReplicas: z
        .int()
        .min(1)
        .max(500)
        .describe(`Most ${service} pods while the sale is hot (written to the HPA's maxReplicas).`),
    })
    .meta(
      celRules({
        rule: 'self.minReplicas <= self.maxReplicas',
        message: 'minReplicas must not exceed maxReplicas',
      }),
    )
    .default({ minReplicas: seedMin, maxReplicas: seedMax })
    .describe(
      `HPA bounds of ${service} from the prescale lead before the first opening until the sale closes or sells out. ` +
        `Defaults to the everyday range (${seedMin}-${seedMax}), i.e. no extra capacity.`,
    );

const saleSchema = z
  .object({
    opensAt: instant('When general sale opens (RFC 3339, e.g. 2026-12-24T11:00:00+09:00).'),
    closesAt: instant('When the sale closes; the waiting room and the queue close with it.'),
    presale: z
      .object({
        opensAt: instant(
          "When members may start buying (before sale.opensAt). Which membership tiers may buy is ticket-service's rule.",
        ),
      })
      .optional()
      .describe(
        'A presale window for members, from presale.opensAt until sale.opensAt. Omit for no presale.',
      ),
  })
  .meta(
    celRules(
      {
        rule: 'self.closesAt > self.opensAt',
        message: 'sale.closesAt must be after sale.opensAt',
        fieldPath: '.closesAt',
      },
      {
        rule: '!has(self.presale) || self.presale.opensAt < self.opensAt',
        message: 'sale.presale.opensAt must be before sale.opensAt',
        fieldPath: '.presale.opensAt',
      },
    ),
  )
  .describe('When the sale (and an optional presale) opens and closes.');

const waitingRoomSchema = z
  .object({
    admitStep: z
      .int()
      .min(1)
      .max(100_000)
      .default(500)
      .describe(
        'Tier-1 positions admitted per cycle at the start of the sale; the operator tunes it within the bounds.',
      ),
    minAdmitStep: z
      .int()
      .min(1)
      .max(100_000)
      .default(100)
      .describe('Lowest admit step capacity tuning may set.'),
    maxAdmitStep: z
      .int()
      .min(1)
      .max(100_000)
      .default(2000)
      .describe('Highest admit step capacity tuning may set.'),
    cycleSeconds: z
      .int()
      .min(1)
      .max(60)
      .default(10)
      .describe('Seconds between two advances of the Tier-1 serving counter (10 = six cycles a minute).'),
    proofOfWorkBits: z
      .int()
      .min(0)
      .max(28)
      .default(14)
      .describe(
        'Leading zero bits of the proof-of-work a fan solves before joining (14: about a second on a phone; each bit doubles it).',
      ),
  })
  .meta(
    celRules(
      {
        rule: 'self.minAdmitStep <= self.maxAdmitStep',
        message: 'waitingRoom.minAdmitStep must not exceed maxAdmitStep',
      },
      {
        rule: 'self.minAdmitStep <= self.admitStep && self.admitStep <= self.maxAdmitStep',
        message: 'waitingRoom.admitStep must lie between minAdmitStep and maxAdmitStep',
        fieldPath: '.admitStep',
      },
    ),
  )
  .default({ admitStep: 500, minAdmitStep: 100, maxAdmitStep: 2000, cycleSeconds: 10, proofOfWorkBits: 14 })
  .describe('Tier-1 waiting room (DynamoDB counters item of the event): how fast positions are admitted.');

const queueSchema = z
  .object({
    maxActiveUsers: z
      .int()
      .min(1)
      .max(1_000_000)
      .default(1000)
      .describe('Most users booking at once behind the Tier-2 queue (Redis {eventId}:maxUsers).'),
    threshold: z
      .int()
      .min(0)
      .max(1_000_000)
      .default(0)
      .describe('Below this many active users entrants skip the Tier-2 queue (Redis {eventId}:threshold).'),
  })
  .meta(
    celRules({
      rule: 'self.threshold <= self.maxActiveUsers',
      message: 'queue.threshold must not exceed queue.maxActiveUsers',
      fieldPath: '.threshold',
    }),
  )
  .default({ maxActiveUsers: 1000, threshold: 0 })
  .describe('Tier-2 service queue (Redis) settings.');

const scalingSchema = z
  .object({
    prescaleMinutes: z
      .int()
      .min(0)
      .max(1440)
      .default(30)
      .describe('How long before the first opening the HPA bounds below take effect (pre-scaling).'),
    gateway: replicaBounds('gateway-service', 3, 10),
    queue: replicaBounds('queue-service', 3, 8),
    ticket: replicaBounds('ticket-service', 3, 10),
  })
  .default({
    prescaleMinutes: 30,
    gateway: { minReplicas: 3, maxReplicas: 10 },
    queue: { minReplicas: 3, maxReplicas: 8 },
    ticket: { minReplicas: 3, maxReplicas: 10 },
  })
  .describe('Pre-scaling: HPA bounds of the services a sale hits hardest.');

const sloSchema = z
  .object({
    reserveP99Ms: z
      .int()
      .min(10)
      .max(60_000)
      .default(300)
      .describe(
        'Highest p99 latency (ms) of seat reserve, as the gateway measures it, before admission slows.',
      ),
    confirmP99Ms: z
      .int()
      .min(10)
      .max(60_000)
      .default(1000)
      .describe(
        'Highest p99 latency (ms) of payment confirm, as the gateway measures it, before admission slows.',
      ),
    maxErrorRatio: z
      .number()
      .min(0)
      .max(1)
      .default(0.01)
      .describe(
        'Highest share of reserve and confirm requests answered 5xx before admission slows (0.01 = 1%).',
      ),
  })
  .default({ reserveP99Ms: 300, confirmP99Ms: 1000, maxErrorRatio: 0.01 })
  .describe(
    'The booking path objective admission is paced by: while it is breached the operator halves the Tier-1 admit ' +
      'step each cycle, while it holds it raises the step again (never outside minAdmitStep-maxAdmitStep).',
  );

export const ticketEventSpecSchema = z
  .object({
    eventId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
      .meta(
        celRules({
          rule: 'self == oldSelf',
          message: 'eventId is immutable; create a new TicketEvent instead',
        }),
      )
      .describe('The event on sale (ticket-service event id); names its Redis keys and its counters item.'),
    title: z.string().max(200).optional().describe('What is on sale, for people reading kubectl output.'),
    paused: z
      .boolean()
      .default(false)
      .describe('Stops admission without closing the sale (phase Paused) until set back to false.'),
    sale: saleSchema,
    waitingRoom: waitingRoomSchema,
    queue: queueSchema,
    seatLockTtlSeconds: z
      .int()
      .min(60)
      .max(1800)
      .default(420)
      .describe('How long a selected seat stays locked for its buyer (ticket-service seat lock TTL).'),
    expectedPeakUsers: z
      .int()
      .min(0)
      .max(100_000_000)
      .optional()
      .describe(
        'Expected arrivals in the first minutes, for capacity planning (shown by kubectl get -o wide).',
      ),
    scaling: scalingSchema,
    slo: sloSchema,
  })
  .describe(
    'One sale: which event, when it opens and closes, waiting-room and queue settings, scaling bounds.',
  );

export type TicketEventSpec = z.infer<typeof ticketEventSpecSchema>;

const count = (description: string) => z.int().min(0).describe(description);

export const conditionTypes = [
  'Ready',
  'Admitting',
  'Prescaled',
  'SalesFiguresAvailable',
  'EventExists',
] as const;
export type ConditionType = (typeof conditionTypes)[number];

const conditionSchema = z.object({
  type: z.string().max(64).describe('Ready, Admitting, Prescaled, SalesFiguresAvailable or EventExists.'),
  status: z.enum(['True', 'False', 'Unknown']).describe('True, False or Unknown.'),
  reason: z.string().max(128).describe('One CamelCase word saying why.'),
  message: z.string().max(1024).describe('What happened, for people.'),
  lastTransitionTime: instant('When status last changed.'),
  observedGeneration: z.int().min(0).optional().describe('The generation this condition was computed from.'),
});
export type Condition = z.infer<typeof conditionSchema>;

export const figuresSchema = z
  .object({
    waiting: count('Users waiting in the Tier-2 queue.'),
    active: count('Users admitted and booking now (Tier-2 active set).'),
    admitted: count('Users admitted from the Tier-2 queue so far.'),
    seatsTotal: count('Seats on sale (from ticket-service).').optional(),
    seatsSold: count('Seats sold (from ticket-service).').optional(),
    seatsHeld: count('Seats locked or awaiting payment (from ticket-service).').optional(),
    seatsLeft: count('Seats neither sold nor held.').optional(),
  })
  .describe('Live figures, refreshed every cycle while the sale is open.');
export type Figures = z.infer<typeof figuresSchema>;

export const healthVerdicts = ['Healthy', 'Breached', 'Unavailable', 'WarmingUp'] as const;
export type HealthVerdictStatus = (typeof healthVerdicts)[number];

export const bookingHealthSchema = z
  .object({
    verdict: z
      .enum(healthVerdicts)
      .describe(
        'Healthy or Breached (against spec.slo), Unavailable (the metrics could not be read: the step is kept) or ' +
          'WarmingUp (a first scrape, no window yet).',
      ),
    reason: z
      .string()
      .max(128)
      .describe('AdmissionSlowed, AdmissionRecovered, Healthy, HealthUnavailable or WarmingUp.'),
    message: z.string().max(1024).describe('The figures against the SLO, or why there are none.'),
    checkedAt: instant('When the health was last looked at.'),
    lastReading: z
      .object({
        readAt: instant('When this reading was taken.'),
        reserveP99Ms: z
          .int()
          .min(0)
          .optional()
          .describe('p99 of seat reserve (ms); absent without requests.'),
        confirmP99Ms: z
          .int()
          .min(0)
          .optional()
          .describe('p99 of payment confirm (ms); absent without requests.'),
        errorRatio: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe('5xx answers over reserve and confirm requests; absent without requests.'),
        requests: count('Reserve and confirm requests in the window.'),
      })
      .optional()
      .describe('The last reading that could be taken (kept while the metrics are unavailable).'),
  })
  .describe('The health of the booking path that paced admission at the last cycle.');
export type BookingHealthStatus = z.infer<typeof bookingHealthSchema>;

export const ticketEventStatusSchema = z
  .object({
    observedGeneration: z.int().min(0).optional().describe('The spec generation the status reflects.'),
    phase: z
      .enum(phases)
      .optional()
      .describe(
        'Scheduled, PreSale, OnSale, SoldOut, Closed, Paused, or EventNotFound (ticket-service knows no such event).',
      ),
    nextPhaseAt: instant(
      'When the clock next changes the phase (or the pre-scaling), if it will.',
    ).optional(),
    admitStep: z.int().min(1).optional().describe('Tier-1 admit step in force after capacity tuning.'),
    admitStepTunedAt: instant('When capacity tuning last ran.').optional(),
    figures: figuresSchema.optional(),
    bookingHealth: bookingHealthSchema.optional(),
    conditions: z
      .array(conditionSchema)
      .max(16)
      .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] })
      .optional()
      .describe('Ready, Admitting, Prescaled, SalesFiguresAvailable, EventExists.'),
  })
  .describe('What the operator observed and did.');
export type TicketEventStatus = z.infer<typeof ticketEventStatusSchema>;

export interface TicketEventObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    generation?: number;
    resourceVersion?: string;
    deletionTimestamp?: string;
    finalizers?: string[];
    creationTimestamp?: string;
  };
  spec?: unknown;
  status?: TicketEventStatus;
}

/** Reads a spec as the operator uses it (defaults applied); an error names the bad field. */
export function parseSpec(spec: unknown): TicketEventSpec {
  return ticketEventSpecSchema.parse(spec);
}

/** Reads a status leniently: a status the operator cannot read counts as none. */
export function parseStatus(status: unknown): TicketEventStatus {
  const result = ticketEventStatusSchema.safeParse(status ?? {});
  return result.success ? result.data : {};
}
