import type { Logger } from '@urr/common/logging/logger';
import type { Clock } from './clock.js';
import { Informer } from './kube/informer.js';
import type { KubeClient } from './kube/kube-client.js';
import { describeKubeError } from './kube-errors.js';
import type { OperatorMetrics } from './metrics.js';
import { callsForPass, type TriggerFields, triggerFieldsOf } from './pass-triggers.js';
import type { ReconcileResult } from './reconciler.js';
import { type TicketEventObject, ticketEventApi } from './ticket-event.js';
import type { WorkQueue } from './work-queue.js';

export interface ControllerOptions {
  readonly kube: KubeClient;
  readonly queue: WorkQueue;
  readonly reconcile: (namespace: string, name: string) => Promise<ReconcileResult>;
  readonly clock: Clock;
  /** Watch one namespace; all namespaces when absent. */
  readonly namespace?: string;
  /** @default 2 */
  readonly workers?: number;
  /** Every TicketEvent is reconciled at least this often. */
  readonly resyncMs: number;
  readonly metrics: OperatorMetrics;
  readonly logger: Logger;
}

const keyOf = (event: TicketEventObject) => `${event.metadata.namespace}/${event.metadata.name}`;

/**
 * Watches TicketEvents and feeds their keys to reconcile through the work queue. Status-only updates and
 * the finalizer's addition (the operator's own writes) do not trigger a pass; spec and deletion changes,
 * and the finalizer's removal, do.
 */
export class Controller {
  private readonly informer: Informer<TicketEventObject>;
  private readonly workers: Promise<void>[] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** What the last enqueued version of each object looked like, to skip status-only updates. */
  private readonly seen = new Map<string, TriggerFields>();

  constructor(private readonly options: ControllerOptions) {
    this.informer = new Informer<TicketEventObject>(
      { client: options.kube, type: ticketEventApi, namespace: options.namespace },
      {
        add: (event) => this.enqueue(event),
        update: (event) => this.onUpdate(event),
        delete: (event) => {
          this.enqueue(event);
          this.seen.delete(keyOf(event));
        },
        error: (error) => this.onInformerError(error),
      },
    );
  }

  /** The TicketEvents of a namespace (all watched ones when absent) as last seen by the watch. */
  list(namespace?: string): readonly TicketEventObject[] {
    return this.informer.list(namespace);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.informer.start();
    for (let i = 0; i < (this.options.workers ?? 2); i++) this.workers.push(this.work());
    this.resyncTimer = setInterval(() => {
      for (const event of this.informer.list()) this.enqueue(event);
    }, this.options.resyncMs);
    this.resyncTimer.unref();
  }

  /** Stops watching and waits for passes in flight to finish; nothing is written after this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.resyncTimer);
    await this.informer.stop();
    this.options.queue.shutDown();
    await Promise.all(this.workers.splice(0));
  }

  private onUpdate(event: TicketEventObject): void {
    const now = triggerFieldsOf(event);
    if (callsForPass(this.seen.get(keyOf(event)), now)) this.enqueue(event);
    else this.seen.set(keyOf(event), now);
  }

  private enqueue(event: TicketEventObject): void {
    if (this.stopped) return;
    this.seen.set(keyOf(event), triggerFieldsOf(event));
    this.options.queue.add(keyOf(event));
    this.options.metrics.queueDepth.set(this.options.queue.length);
  }

  private onInformerError(error: unknown): void {
    if (this.stopped) return;
    this.options.logger.warn({ err: describeKubeError(error) }, 'TicketEvent watch failed; restarting it');
  }

  private async work(): Promise<void> {
    const { queue, metrics, logger } = this.options;
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      metrics.queueDepth.set(queue.length);
      const [namespace, name] = key.split('/') as [string, string];
      const endTimer = metrics.reconcileSeconds.startTimer();
      try {
        const result = await this.options.reconcile(namespace, name);
        queue.forget(key);
        metrics.reconciles.inc({ result: 'success' });
        // Measured from now, not from when the pass began, so a clock that moved meanwhile requeues at once.
        if (result.requeueAt)
          queue.addAfter(key, result.requeueAt.getTime() - this.options.clock.now().getTime());
      } catch (error) {
        const retryInMs = queue.addRateLimited(key);
        metrics.reconciles.inc({ result: 'error' });
        logger.warn({ key, err: describeKubeError(error), retryInMs }, 'reconcile failed');
      } finally {
        endTimer();
        queue.done(key);
      }
    }
  }
}
