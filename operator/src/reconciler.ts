import type { Logger } from '@urr/common/logging/logger';
import { z } from 'zod';
import {
  checkBookingHealth,
  type HealthCheck,
  healthStatus,
  type PacingReason,
  pacingReason,
} from './booking-health-check.js';
import type { BookingHealthSource } from './booking-health-source.js';
import { type TuningDecision, tuneAdmitStep } from './capacity-tuning.js';
import type { Clock } from './clock.js';
import type { CountersSettingsStore } from './counters-store.js';
import type { EventRecorder, RecordedEvent } from './event-recorder.js';
import type { HpaApplier } from './hpa-applier.js';
import { boundsFor, type ServiceBounds } from './hpa-bounds.js';
import { describeKubeError, isNamespaceTerminating } from './kube-errors.js';
import type { OperatorMetrics } from './metrics.js';
import {
  admissionFor,
  isHot,
  isSoldOut,
  nextBoundary,
  phaseAt,
  type SalesFigures,
  saleTimes,
  seatsLeft,
} from './phase.js';
import { EventNotFoundError, type SalesFiguresSource } from './sales-figures.js';
import {
  type BookingHealthStatus,
  type Condition,
  type ConditionType,
  cleanupFinalizer,
  type Figures,
  type Phase,
  parseStatus,
  type TicketEventObject,
  type TicketEventSpec,
  type TicketEventStatus,
  ticketEventSpecSchema,
} from './ticket-event.js';
import type { TicketEventClient } from './ticket-event-client.js';
import type { Tier2Store } from './tier2-store.js';

export interface ReconcilerDeps {
  readonly clock: Clock;
  readonly client: TicketEventClient;
  readonly tier2: Tier2Store;
  readonly counters: CountersSettingsStore;
  readonly hpas: HpaApplier;
  readonly recorder: EventRecorder;
  /** Absent: the operator runs without seat figures (no sold-out detection, no seat-aware tuning). */
  readonly sales?: SalesFiguresSource;
  /** Absent: admission is not paced by the booking path's health. */
  readonly health?: BookingHealthSource;
  /** The TicketEvents of a namespace (all watched ones when absent) as the informer last saw them. */
  readonly list: (namespace?: string) => readonly TicketEventObject[];
  readonly baseline: ServiceBounds;
  readonly metrics: OperatorMetrics;
  readonly logger: Logger;
  /** Longest time before a TicketEvent is looked at again, to repair drift. */
  readonly resyncMs: number;
}

export interface ReconcileResult {
  /** When to look again, on the operator's clock. */
  readonly requeueAt?: Date;
}

const phaseReasons: Record<Phase, string> = {
  Scheduled: 'Scheduled',
  PreSale: 'PresaleOpened',
  OnSale: 'SaleOpened',
  SoldOut: 'SoldOut',
  Closed: 'SaleClosed',
  Paused: 'SalePaused',
  EventNotFound: 'EventNotFound',
};

const eventIdOnly = z.object({ eventId: z.string().min(1) });

/**
 * One level-based pass over one TicketEvent: read the spec, measure, decide, converge the Redis keys,
 * the counters item and the HPA bounds, then write the status. Every write states the whole desired
 * value, so a pass may be repeated or interrupted at any point.
 */
export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileResult> {
    const event = await this.deps.client.get(namespace, name);
    if (!event) {
      this.deps.metrics.forget(namespace, name);
      this.deps.health?.forget(`${namespace}/${name}`);
      return {};
    }
    try {
      if (event.metadata.deletionTimestamp) return await this.finalize(event);
      return await this.converge(event);
    } catch (error) {
      await this.reportFailure(event, error);
      throw error;
    }
  }

  private async finalize(event: TicketEventObject): Promise<ReconcileResult> {
    const { namespace, name } = event.metadata;
    if (!event.metadata.finalizers?.includes(cleanupFinalizer)) return {};
    const parsed = eventIdOnly.safeParse(event.spec);
    if (parsed.success && this.otherClaimants(event, parsed.data.eventId).length === 0) {
      const { eventId } = parsed.data;
      await this.deps.tier2.remove(eventId);
      await this.deps.counters.deactivate(eventId);
      // In a namespace being deleted the HPAs go with it: nothing to hand back, and creating one is refused.
      await this.deps.hpas
        .apply(namespace, this.namespaceBounds(namespace, name, undefined))
        .catch((error: unknown) => {
          if (!isNamespaceTerminating(error)) throw error;
        });
      await this.record(event, {
        type: 'Normal',
        reason: 'CleanedUp',
        action: 'Cleanup',
        note: `Closed the waiting room of ${eventId} and removed its Tier-2 queue keys`,
      });
    }
    await this.deps.client.removeFinalizer(event);
    this.deps.metrics.forget(namespace, name);
    this.deps.health?.forget(`${namespace}/${name}`);
    return {};
  }

  private async converge(event: TicketEventObject): Promise<ReconcileResult> {
    const { deps } = this;
    const { namespace, name } = event.metadata;
    const generation = event.metadata.generation ?? 0;
    const previous = parseStatus(event.status);
    const now = deps.clock.now();

    const parsed = ticketEventSpecSchema.safeParse(event.spec);
    if (!parsed.success) {
      await this.writeStatus(event, previous, {
        ...previous,
        conditions: this.conditions(previous, now, generation, [
          ['Ready', 'False', 'InvalidSpec', z.prettifyError(parsed.error).slice(0, 1024)],
        ]),
      });
      return {};
    }
    const spec = parsed.data;
    // The finalizer must hold before anything is written that needs cleaning up; the reads need not wait.
    const finalizerAdded = event.metadata.finalizers?.includes(cleanupFinalizer)
      ? undefined
      : deps.client.addFinalizer(event);

    const owner = [event, ...this.otherClaimants(event, spec.eventId)].sort(byIncumbencyThenAge)[0]!;
    if (owner !== event) {
      await finalizerAdded;
      const { namespace: ownerNamespace, name: ownerName } = owner.metadata;
      await this.writeStatus(event, previous, {
        ...previous,
        conditions: this.conditions(previous, now, generation, [
          [
            'Ready',
            'False',
            'DuplicateEventId',
            `${ownerNamespace}/${ownerName} already runs the sale of ${spec.eventId}`,
          ],
        ]),
      });
      return { requeueAt: new Date(now.getTime() + spec.waitingRoom.cycleSeconds * 1000) };
    }

    const [, tier2Figures, { sales, salesCondition, existsCondition }] = await Promise.all([
      finalizerAdded,
      deps.tier2.figures(spec.eventId),
      this.salesFigures(spec.eventId, previous),
    ]);
    const eventMissing = existsCondition[1] === 'False';
    const phase = phaseAt(spec, now, isSoldOut(sales), eventMissing);
    const hot = isHot(spec, now, phase);
    const admission = admissionFor(phase, hot);
    const { admitStep, admitStepTunedAt, tuning, health } = await this.admitStep(
      event,
      spec,
      previous,
      phase,
      now,
      { waiting: tier2Figures.waiting, seatsLeft: sales ? seatsLeft(sales) : undefined },
    );

    const bounds = this.namespaceBounds(namespace, name, hot ? spec : undefined);
    // Three stores, each written whole and independently of the others; the status follows all three.
    const [, tier1Figures] = await Promise.all([
      deps.tier2.write(spec.eventId, {
        maxUsers: spec.queue.maxActiveUsers,
        threshold: spec.queue.threshold,
        status: admission.tier2Status,
        admitting: admission.queueAdmitting,
        waitingList: admission.waitingList,
      }),
      deps.counters.write(spec.eventId, {
        admitStep,
        cycleSeconds: spec.waitingRoom.cycleSeconds,
        active: admission.waitingRoomActive,
        opensAt: saleTimes(spec).firstOpening,
        soldOut: admission.soldOut,
        paused: admission.paused,
        powDifficulty: spec.waitingRoom.proofOfWorkBits,
      }),
      deps.hpas.apply(namespace, bounds),
    ]);

    const figures: Figures = {
      ...tier2Figures,
      ...(sales ? { ...sales, seatsLeft: seatsLeft(sales) } : {}),
    };
    const next = eventMissing ? undefined : nextBoundary(spec, now);
    const status: TicketEventStatus = {
      observedGeneration: generation,
      phase,
      ...(next ? { nextPhaseAt: next.toISOString() } : {}),
      admitStep,
      ...(admitStepTunedAt ? { admitStepTunedAt } : {}),
      figures,
      ...(health ? { bookingHealth: health.status } : {}),
      conditions: this.conditions(previous, now, generation, [
        eventMissing
          ? ['Ready', 'False', 'EventNotFound', `No sale opens: ${existsCondition[3]}`]
          : [
              'Ready',
              'True',
              'Reconciled',
              'Queue keys, waiting-room counters and HPA bounds match the spec',
            ],
        admission.queueAdmitting
          ? ['Admitting', 'True', phaseReasons[phase], `The Tier-2 queue of ${spec.eventId} admits users`]
          : ['Admitting', 'False', phaseReasons[phase], notAdmittingMessage(phase, spec, sales)],
        hot
          ? ['Prescaled', 'True', 'SaleWindow', `HPA bounds: ${describeBounds(bounds)}`]
          : [
              'Prescaled',
              'False',
              'OutsideSaleWindow',
              `HPA bounds of this sale not in force (${describeBounds(bounds)})`,
            ],
        salesCondition,
        existsCondition,
      ]),
    };
    await this.writeStatus(event, previous, status);

    deps.metrics.setPhase(namespace, name, phase);
    deps.metrics.admitStep.set({ namespace, name }, admitStep);
    deps.metrics.setSaleFigures(namespace, name, spec.eventId, {
      waiting: tier2Figures.waiting,
      active: tier2Figures.active,
      maxActiveUsers: spec.queue.maxActiveUsers,
      seatsLeft: figures.seatsLeft,
      ...tier1Figures,
    });
    if (health) this.recordHealthMetrics(namespace, name, health);
    await this.recordChanges(event, previous, status, phase, spec, bounds, tuning, health);

    return { requeueAt: new Date(now.getTime() + this.requeueAfter(spec, phase, now, next)) };
  }

  /**
   * Seat figures and whether the event exists. When ticket-service cannot be asked, the last figures and
   * the last word on existence stand, so an outage neither reopens a sold-out sale nor opens one for an
   * event it had said does not exist.
   */
  private async salesFigures(
    eventId: string,
    previous: TicketEventStatus,
  ): Promise<{
    sales: SalesFigures | undefined;
    salesCondition: ConditionRow;
    existsCondition: ConditionRow;
  }> {
    if (!this.deps.sales) {
      return {
        sales: undefined,
        salesCondition: [
          'SalesFiguresAvailable',
          'Unknown',
          'NotConfigured',
          'No ticket-service URL configured',
        ],
        existsCondition: ['EventExists', 'Unknown', 'NotConfigured', 'No ticket-service URL configured'],
      };
    }
    const found: ConditionRow = ['EventExists', 'True', 'Found', `ticket-service knows event ${eventId}`];
    try {
      const sales = await this.deps.sales.figuresOf(eventId);
      return sales
        ? {
            sales,
            salesCondition: ['SalesFiguresAvailable', 'True', 'Reported', 'ticket-service reports the seats'],
            existsCondition: found,
          }
        : {
            sales,
            salesCondition: [
              'SalesFiguresAvailable',
              'False',
              'NoFigures',
              `ticket-service has no seat figures for ${eventId}`,
            ],
            existsCondition: found,
          };
    } catch (error) {
      if (error instanceof EventNotFoundError) {
        const message = `ticket-service knows no event ${eventId}; create it there, or name an existing event in spec.eventId`;
        return {
          sales: undefined,
          salesCondition: ['SalesFiguresAvailable', 'False', 'EventNotFound', message],
          existsCondition: ['EventExists', 'False', 'EventNotFound', message],
        };
      }
      const lastKnown = previous.figures;
      const sales =
        lastKnown?.seatsTotal !== undefined &&
        lastKnown.seatsSold !== undefined &&
        lastKnown.seatsHeld !== undefined
          ? {
              seatsTotal: lastKnown.seatsTotal,
              seatsSold: lastKnown.seatsSold,
              seatsHeld: lastKnown.seatsHeld,
            }
          : undefined;
      const lastWord = previous.conditions?.find((c) => c.type === 'EventExists');
      return {
        sales,
        salesCondition: [
          'SalesFiguresAvailable',
          'False',
          'TicketServiceUnreachable',
          (error as Error).message.slice(0, 1024),
        ],
        existsCondition: lastWord
          ? ['EventExists', lastWord.status, lastWord.reason, lastWord.message]
          : ['EventExists', 'Unknown', 'TicketServiceUnreachable', 'ticket-service could not be asked'],
      };
    }
  }

  private async admitStep(
    event: TicketEventObject,
    spec: TicketEventSpec,
    previous: TicketEventStatus,
    phase: Phase,
    now: Date,
    measured: { waiting: number; seatsLeft: number | undefined },
  ): Promise<{
    admitStep: number;
    admitStepTunedAt?: string;
    tuning?: TuningDecision;
    health?: PacedHealth;
  }> {
    const { admitStep: initial, minAdmitStep, maxAdmitStep, cycleSeconds } = spec.waitingRoom;
    if (phase !== 'PreSale' && phase !== 'OnSale') return { admitStep: initial };
    const current = Math.min(maxAdmitStep, Math.max(minAdmitStep, previous.admitStep ?? initial));
    const lastTuned = previous.admitStepTunedAt ? Date.parse(previous.admitStepTunedAt) : Number.NaN;
    const due = !(now.getTime() - lastTuned < cycleSeconds * 1000);
    if (!due) {
      const kept = previous.bookingHealth ? { health: { status: previous.bookingHealth } } : {};
      return { admitStep: current, admitStepTunedAt: previous.admitStepTunedAt, ...kept };
    }
    const tuning = tuneAdmitStep({
      current,
      min: minAdmitStep,
      max: maxAdmitStep,
      waiting: measured.waiting,
      maxActiveUsers: spec.queue.maxActiveUsers,
      seatsLeft: measured.seatsLeft,
    });
    const tunedAt = now.toISOString();
    if (!this.deps.health) return { admitStep: tuning.admitStep, admitStepTunedAt: tunedAt, tuning };
    const { namespace, name } = event.metadata;
    const check = await checkBookingHealth({
      source: this.deps.health,
      scope: { key: `${namespace}/${name}`, namespace },
      slo: spec.slo,
      current,
      min: minAdmitStep,
      max: maxAdmitStep,
      previous: previous.bookingHealth,
      now,
    });
    const admitStep = Math.min(tuning.admitStep, check.ceiling);
    const step = { before: current, after: admitStep };
    const reason = pacingReason(check, step, previous.bookingHealth?.reason);
    return {
      admitStep,
      admitStepTunedAt: tunedAt,
      tuning,
      health: { status: healthStatus(check, reason, step, now), check, reason, step },
    };
  }

  /** Bounds for the namespace's HPAs: this sale (when hot) together with the other hot sales there. */
  private namespaceBounds(
    namespace: string,
    name: string,
    ownHotSpec: TicketEventSpec | undefined,
  ): ServiceBounds {
    const now = this.deps.clock.now();
    const hotSpecs = ownHotSpec ? [ownHotSpec] : [];
    for (const other of this.deps.list(namespace)) {
      if (other.metadata.name === name || other.metadata.deletionTimestamp) continue;
      const parsed = ticketEventSpecSchema.safeParse(other.spec);
      if (!parsed.success) continue;
      const { phase: lastPhase } = parseStatus(other.status);
      const phase = phaseAt(parsed.data, now, lastPhase === 'SoldOut', lastPhase === 'EventNotFound');
      if (isHot(parsed.data, now, phase)) hotSpecs.push(parsed.data);
    }
    return boundsFor(hotSpecs, this.deps.baseline);
  }

  /** Other live TicketEvents for the same event id (a mistake: only the oldest one acts). */
  private otherClaimants(event: TicketEventObject, eventId: string): TicketEventObject[] {
    return this.deps
      .list()
      .filter(
        (other) =>
          other.metadata.uid !== event.metadata.uid &&
          !other.metadata.deletionTimestamp &&
          (other.spec as { eventId?: unknown } | undefined)?.eventId === eventId,
      );
  }

  private requeueAfter(spec: TicketEventSpec, phase: Phase, now: Date, next: Date | undefined): number {
    // An event not found yet is looked for again every cycle: creating it in ticket-service opens the sale.
    const live =
      phase === 'PreSale' ||
      phase === 'OnSale' ||
      phase === 'Paused' ||
      phase === 'SoldOut' ||
      phase === 'EventNotFound';
    const untilNext = next ? next.getTime() - now.getTime() : Number.POSITIVE_INFINITY;
    const refresh = live ? spec.waitingRoom.cycleSeconds * 1000 : Number.POSITIVE_INFINITY;
    return Math.max(0, Math.min(untilNext, refresh, this.deps.resyncMs));
  }

  private conditions(
    previous: TicketEventStatus,
    now: Date,
    generation: number,
    rows: ConditionRow[],
  ): Condition[] {
    const kept = (previous.conditions ?? []).filter((c) => !rows.some(([type]) => type === c.type));
    const fresh = rows.map(([type, status, reason, message]): Condition => {
      const before = previous.conditions?.find((c) => c.type === type);
      const lastTransitionTime =
        before && before.status === status
          ? before.lastTransitionTime
          : now.toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { type, status, reason, message, lastTransitionTime, observedGeneration: generation };
    });
    return [...fresh, ...kept];
  }

  private async writeStatus(
    event: TicketEventObject,
    previous: TicketEventStatus,
    status: TicketEventStatus,
  ) {
    if (canonicalJson(previous) === canonicalJson(status)) return;
    await this.deps.client.applyStatus(event, status);
  }

  private async recordChanges(
    event: TicketEventObject,
    previous: TicketEventStatus,
    status: TicketEventStatus,
    phase: Phase,
    spec: TicketEventSpec,
    bounds: ServiceBounds,
    tuning: TuningDecision | undefined,
    health: PacedHealth | undefined,
  ): Promise<void> {
    if (previous.phase !== phase) {
      await this.record(event, {
        type: phase === 'EventNotFound' ? 'Warning' : 'Normal',
        reason: phaseReasons[phase],
        action: 'Transition',
        note: `${previous.phase ?? 'New'} → ${phase}: ${phaseNote(phase, spec)}`,
      });
    }
    const wasHot = previous.conditions?.find((c) => c.type === 'Prescaled')?.status === 'True';
    const isHotNow = status.conditions?.find((c) => c.type === 'Prescaled')?.status === 'True';
    if (wasHot !== isHotNow) {
      await this.record(event, {
        type: 'Normal',
        reason: isHotNow ? 'Prescaled' : 'ScaledBack',
        action: 'ScaleBounds',
        note: `HPA bounds now ${describeBounds(bounds)}`,
      });
    }
    const { namespace, name } = event.metadata;
    const paced = health?.step && health.step.after !== health.step.before ? health.reason : undefined;
    if (paced === 'AdmissionSlowed' || paced === 'AdmissionRecovered') {
      await this.record(event, {
        type: paced === 'AdmissionSlowed' ? 'Warning' : 'Normal',
        reason: paced,
        action: 'Pace',
        note: health!.status.message,
      });
      this.deps.metrics.admissionPaced.inc({ namespace, name, reason: paced });
    } else if (tuning && previous.admitStep !== undefined && status.admitStep !== previous.admitStep) {
      await this.record(event, {
        type: 'Normal',
        reason: 'AdmitStepTuned',
        action: 'Tune',
        note: tuning.message,
      });
    }
    const wasUnavailable = previous.bookingHealth?.verdict === 'Unavailable';
    if (health?.check && health.check.verdict === 'Unavailable' && !wasUnavailable) {
      await this.record(event, {
        type: 'Warning',
        reason: 'HealthUnavailable',
        action: 'Pace',
        note: health.status.message,
      });
    }
  }

  private recordHealthMetrics(namespace: string, name: string, health: PacedHealth): void {
    const { metrics } = this.deps;
    metrics.setBookingHealth(namespace, name, health.status.verdict);
    const reading = health.status.lastReading;
    if (!reading) return;
    for (const [signal, ms] of [
      ['reserve', reading.reserveP99Ms],
      ['confirm', reading.confirmP99Ms],
    ] as const) {
      if (ms === undefined) metrics.bookingP99.remove({ namespace, name, signal });
      else metrics.bookingP99.set({ namespace, name, signal }, ms / 1000);
    }
    if (reading.errorRatio === undefined) metrics.bookingErrorRatio.remove({ namespace, name });
    else metrics.bookingErrorRatio.set({ namespace, name }, reading.errorRatio);
  }

  /** Events are for people; a failure to record one must not fail the reconcile. */
  private async record(event: TicketEventObject, recorded: RecordedEvent): Promise<void> {
    try {
      await this.deps.recorder.record(event, recorded);
    } catch (error) {
      this.deps.logger.warn(
        { err: describeKubeError(error), reason: recorded.reason },
        'could not record an Event',
      );
    }
  }

  private async reportFailure(event: TicketEventObject, error: unknown): Promise<void> {
    const previous = parseStatus(event.status);
    const message = `Reconcile failed, retrying with backoff: ${describeKubeError(error)}`.slice(0, 1024);
    try {
      await this.writeStatus(event, previous, {
        ...previous,
        conditions: this.conditions(previous, this.deps.clock.now(), event.metadata.generation ?? 0, [
          ['Ready', 'False', 'ReconcileFailed', message],
        ]),
      });
    } catch (statusError) {
      this.deps.logger.warn(
        { err: describeKubeError(statusError) },
        'could not report the failure in the status',
      );
    }
  }
}

/** Whether a TicketEvent has already run its sale (reconciled at least once, not as a duplicate). */
function hasActed(event: TicketEventObject): boolean {
  const ready = event.status?.conditions?.find((c) => c.type === 'Ready');
  return event.status?.observedGeneration !== undefined && ready?.reason !== 'DuplicateEventId';
}

/**
 * The one that already runs the sale first, then the oldest; namespace/name breaks the remaining tie
 * (timestamps have whole seconds), so every replica and every pass picks the same one.
 */
function byIncumbencyThenAge(a: TicketEventObject, b: TicketEventObject): number {
  const created = (o: TicketEventObject) => o.metadata.creationTimestamp ?? '';
  const key = (o: TicketEventObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  return (
    Number(hasActed(b)) - Number(hasActed(a)) ||
    created(a).localeCompare(created(b)) ||
    key(a).localeCompare(key(b))
  );
}

/** The booking path's health at this cycle: what goes in the status and, when judged anew, why. */
interface PacedHealth {
  readonly status: BookingHealthStatus;
  readonly check?: HealthCheck;
  readonly reason?: PacingReason;
  readonly step?: { readonly before: number; readonly after: number };
}

type ConditionRow = [ConditionType, Condition['status'], string, string];

function describeBounds(bounds: ServiceBounds): string {
  return `gateway ${bounds.gateway.minReplicas}-${bounds.gateway.maxReplicas}, queue ${bounds.queue.minReplicas}-${bounds.queue.maxReplicas}, ticket ${bounds.ticket.minReplicas}-${bounds.ticket.maxReplicas}`;
}

function phaseNote(phase: Phase, spec: TicketEventSpec): string {
  switch (phase) {
    case 'Scheduled':
      return `sale of ${spec.eventId} opens at ${spec.sale.presale?.opensAt ?? spec.sale.opensAt}`;
    case 'PreSale':
      return `presale of ${spec.eventId} open until ${spec.sale.opensAt}`;
    case 'OnSale':
      return `sale of ${spec.eventId} open until ${spec.sale.closesAt}`;
    case 'SoldOut':
      return `every seat of ${spec.eventId} is sold; admission stopped and waiting users are told`;
    case 'Closed':
      return `sale of ${spec.eventId} closed at ${spec.sale.closesAt}`;
    case 'Paused':
      return `admission to ${spec.eventId} paused by spec.paused`;
    case 'EventNotFound':
      return `ticket-service knows no event ${spec.eventId}; no sale opens for it`;
  }
}

function notAdmittingMessage(phase: Phase, spec: TicketEventSpec, sales: SalesFigures | undefined): string {
  if (phase === 'SoldOut' && sales) return `All ${sales.seatsTotal} seats are sold; the queue says sold out`;
  return phaseNote(phase, spec);
}

/** JSON with sorted keys, to tell whether a status really changed. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
