import { collectProcessMetrics } from '@urr/common/http/process-metrics';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { healthVerdicts, phases } from './ticket-event.js';

/** A sale's figures as one reconcile read them: Tier 2 from Redis, Tier 1 from the counters item. */
export interface SaleFigures {
  readonly waiting: number;
  readonly active: number;
  readonly maxActiveUsers: number;
  readonly seatsLeft: number | undefined;
  readonly servingCounter: number;
  readonly nextPosition: number;
}

/** The operator's Prometheus metrics, in a registry of its own (several operators can share a process in tests). */
export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconciles = new Counter({
    name: 'urr_operator_reconciles_total',
    help: 'TicketEvent reconciles by result (success, error).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly reconcileSeconds = new Histogram({
    name: 'urr_operator_reconcile_duration_seconds',
    help: 'Time one TicketEvent reconcile took.',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'urr_operator_workqueue_depth',
    help: 'TicketEvent keys waiting to be reconciled.',
    registers: [this.registry],
  });
  readonly leader = new Gauge({
    name: 'urr_operator_leader',
    help: '1 while this replica holds the Lease and reconciles, else 0.',
    registers: [this.registry],
  });
  readonly phase = new Gauge({
    name: 'urr_ticketevent_phase',
    help: '1 for the phase each TicketEvent is in.',
    labelNames: ['namespace', 'name', 'phase'] as const,
    registers: [this.registry],
  });
  readonly admitStep = new Gauge({
    name: 'urr_ticketevent_admit_step',
    help: 'Tier-1 admit step in force after capacity tuning.',
    labelNames: ['namespace', 'name'] as const,
    registers: [this.registry],
  });
  readonly waiting = this.saleGauge(
    'urr_ticketevent_waiting_users',
    'Users in the Tier-2 queue of the event.',
  );
  readonly active = this.saleGauge(
    'urr_ticketevent_active_users',
    'Users admitted into the Tier-2 active set of the event (holding a session).',
  );
  readonly maxActiveUsers = this.saleGauge(
    'urr_ticketevent_max_active_users',
    'Largest Tier-2 active set the operator allows the event (spec.queue.maxActiveUsers).',
  );
  readonly seatsLeft = this.saleGauge(
    'urr_ticketevent_seats_left',
    'Seats neither sold nor held, as ticket-service last reported (no series while it reports none).',
  );
  readonly servingCounter = this.saleGauge(
    'urr_ticketevent_tier1_serving_counter',
    'Highest Tier-1 position admitted so far.',
  );
  readonly nextPosition = this.saleGauge(
    'urr_ticketevent_tier1_next_position',
    'Next Tier-1 position to hand out (the counter advancer snapshot): positions issued so far + 1.',
  );
  /** The eventId each TicketEvent's sale gauges are labelled with, to drop the old series when it changes. */
  private readonly saleEventIds = new Map<string, string>();

  readonly admissionPaced = new Counter({
    name: 'urr_ticketevent_admission_paced_total',
    help: 'Admit-step changes made by the booking path health (reason AdmissionSlowed or AdmissionRecovered).',
    labelNames: ['namespace', 'name', 'reason'] as const,
    registers: [this.registry],
  });
  readonly bookingHealth = new Gauge({
    name: 'urr_ticketevent_booking_health',
    help: '1 for the verdict on the booking path health at the last cycle (Healthy, Breached, Unavailable, WarmingUp).',
    labelNames: ['namespace', 'name', 'verdict'] as const,
    registers: [this.registry],
  });
  readonly bookingP99 = new Gauge({
    name: 'urr_ticketevent_booking_p99_seconds',
    help: 'p99 latency of seat reserve and payment confirm at the gateway, as last read.',
    labelNames: ['namespace', 'name', 'signal'] as const,
    registers: [this.registry],
  });
  readonly bookingErrorRatio = new Gauge({
    name: 'urr_ticketevent_booking_error_ratio',
    help: 'Share of reserve and confirm requests answered 5xx, as last read.',
    labelNames: ['namespace', 'name'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectProcessMetrics(this.registry);
  }

  private saleGauge(name: string, help: string) {
    return new Gauge({
      name,
      help,
      labelNames: ['namespace', 'name', 'event_id'] as const,
      registers: [this.registry],
    });
  }

  private get saleGauges() {
    return [
      this.waiting,
      this.active,
      this.maxActiveUsers,
      this.seatsLeft,
      this.servingCounter,
      this.nextPosition,
    ];
  }

  /** The sale's figures at the last reconcile; seatsLeft undefined removes its series. */
  setSaleFigures(namespace: string, name: string, eventId: string, figures: SaleFigures): void {
    const key = `${namespace}/${name}`;
    const previous = this.saleEventIds.get(key);
    if (previous !== undefined && previous !== eventId) this.forgetSaleFigures(namespace, name);
    this.saleEventIds.set(key, eventId);
    const labels = { namespace, name, event_id: eventId };
    this.waiting.set(labels, figures.waiting);
    this.active.set(labels, figures.active);
    this.maxActiveUsers.set(labels, figures.maxActiveUsers);
    if (figures.seatsLeft === undefined) this.seatsLeft.remove(labels);
    else this.seatsLeft.set(labels, figures.seatsLeft);
    this.servingCounter.set(labels, figures.servingCounter);
    this.nextPosition.set(labels, figures.nextPosition);
  }

  private forgetSaleFigures(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const eventId = this.saleEventIds.get(key);
    if (eventId === undefined) return;
    for (const gauge of this.saleGauges) gauge.remove({ namespace, name, event_id: eventId });
    this.saleEventIds.delete(key);
  }

  setPhase(namespace: string, name: string, current: string): void {
    for (const phase of phases) this.phase.set({ namespace, name, phase }, phase === current ? 1 : 0);
  }

  setBookingHealth(namespace: string, name: string, current: string): void {
    for (const verdict of healthVerdicts)
      this.bookingHealth.set({ namespace, name, verdict }, verdict === current ? 1 : 0);
  }

  /**
   * Drops every TicketEvent's series: a replica that stops leading no longer reconciles, and its last
   * figures would stand beside the new leader's.
   */
  forgetAll(): void {
    for (const gauge of [
      this.phase,
      this.admitStep,
      this.bookingHealth,
      this.bookingP99,
      this.bookingErrorRatio,
    ])
      gauge.reset();
    for (const gauge of this.saleGauges) gauge.reset();
    this.saleEventIds.clear();
  }

  forget(namespace: string, name: string): void {
    for (const verdict of healthVerdicts) this.bookingHealth.remove({ namespace, name, verdict });
    for (const signal of ['reserve', 'confirm']) this.bookingP99.remove({ namespace, name, signal });
    this.bookingErrorRatio.remove({ namespace, name });
    for (const phase of phases) this.phase.remove({ namespace, name, phase });
    this.admitStep.remove({ namespace, name });
    this.forgetSaleFigures(namespace, name);
  }
}
