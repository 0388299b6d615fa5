import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@urr/common/logging/logger';
import type { Redis } from 'ioredis';
import type { BookingHealthSource } from './booking-health-source.js';
import { type Clock, systemClock } from './clock.js';
import { Controller } from './controller.js';
import { CountersSettingsStore } from './counters-store.js';
import { EventRecorder } from './event-recorder.js';
import { HpaApplier } from './hpa-applier.js';
import { everydayBaseline, type ServiceBounds } from './hpa-bounds.js';
import type { KubeClient } from './kube/kube-client.js';
import { LeaderElector } from './leader-election.js';
import { OperatorMetrics } from './metrics.js';
import { Reconciler } from './reconciler.js';
import type { SalesFiguresSource } from './sales-figures.js';
import { TicketEventClient } from './ticket-event-client.js';
import { Tier2Store } from './tier2-store.js';
import { WorkQueue } from './work-queue.js';

export interface OperatorOptions {
  readonly kube: KubeClient;
  readonly redis: Redis;
  readonly dynamo: DynamoDBClient;
  readonly countersTable: string;
  /** ticket-service's seat figures; without them there is no sold-out detection. */
  readonly sales?: SalesFiguresSource;
  /** The booking path's health; without it admission is not paced by health. */
  readonly health?: BookingHealthSource;
  /** Drives sale phases and their requeues. @default systemClock */
  readonly clock?: Clock;
  /** Watch only this namespace. @default all namespaces */
  readonly watchNamespace?: string;
  /** Unique per replica; it names the holder of the Lease and the reporter of Events. */
  readonly identity: string;
  readonly lease: {
    readonly namespace: string;
    readonly name: string;
    readonly durationMs?: number;
    readonly renewDeadlineMs?: number;
    readonly retryPeriodMs?: number;
  };
  /** HPA bounds while no sale in a namespace is hot. @default the architecture's ranges */
  readonly baseline?: ServiceBounds;
  /** @default 300_000 */
  readonly resyncMs?: number;
  /** @default 2 */
  readonly workers?: number;
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  readonly metrics?: OperatorMetrics;
  readonly logger: Logger;
}

/**
 * The TicketEvent operator: it campaigns for the Lease and runs the controller only while it holds
 * it, so of several replicas exactly one writes.
 */
export class Operator {
  readonly metrics: OperatorMetrics;
  private readonly elector: LeaderElector;
  private controller: Controller | undefined;

  constructor(private readonly options: OperatorOptions) {
    this.metrics = options.metrics ?? new OperatorMetrics();
    this.elector = new LeaderElector({
      kube: options.kube,
      namespace: options.lease.namespace,
      leaseName: options.lease.name,
      identity: options.identity,
      ...(options.lease.durationMs ? { leaseDurationMs: options.lease.durationMs } : {}),
      ...(options.lease.renewDeadlineMs ? { renewDeadlineMs: options.lease.renewDeadlineMs } : {}),
      ...(options.lease.retryPeriodMs ? { retryPeriodMs: options.lease.retryPeriodMs } : {}),
      onStartedLeading: () => this.startController(),
      onStoppedLeading: () => this.stopController(),
      logger: options.logger,
    });
  }

  get isLeader(): boolean {
    return this.elector.isLeader;
  }

  get identity(): string {
    return this.options.identity;
  }

  start(): void {
    this.elector.start();
  }

  /** `release: true` hands the Lease over at once (clean shutdown); otherwise it lapses as after a crash. */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    await this.elector.stop(options);
  }

  private async startController(): Promise<void> {
    const { options } = this;
    const clock = options.clock ?? systemClock;
    const resyncMs = options.resyncMs ?? 300_000;
    const client = new TicketEventClient(options.kube);
    const queue = new WorkQueue({
      clock,
      ...(options.backoff?.baseMs ? { baseBackoffMs: options.backoff.baseMs } : {}),
      ...(options.backoff?.maxMs ? { maxBackoffMs: options.backoff.maxMs } : {}),
    });
    const reconciler: Reconciler = new Reconciler({
      clock,
      client,
      tier2: new Tier2Store(options.redis),
      counters: new CountersSettingsStore(options.dynamo, options.countersTable),
      hpas: new HpaApplier(options.kube),
      recorder: new EventRecorder(options.kube, options.identity),
      ...(options.sales ? { sales: options.sales } : {}),
      ...(options.health ? { health: options.health } : {}),
      list: (namespace) => controller.list(namespace),
      baseline: options.baseline ?? everydayBaseline,
      metrics: this.metrics,
      logger: options.logger,
      resyncMs,
    });
    const controller: Controller = new Controller({
      kube: options.kube,
      queue,
      reconcile: (namespace, name) => reconciler.reconcile(namespace, name),
      clock,
      ...(options.watchNamespace ? { namespace: options.watchNamespace } : {}),
      ...(options.workers ? { workers: options.workers } : {}),
      resyncMs,
      metrics: this.metrics,
      logger: options.logger,
    });
    this.controller = controller;
    this.metrics.leader.set(1);
    await controller.start();
  }

  private async stopController(): Promise<void> {
    this.metrics.leader.set(0);
    await this.controller?.stop();
    this.controller = undefined;
    this.metrics.forgetAll();
  }
}
