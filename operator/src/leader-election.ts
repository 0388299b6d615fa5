import type { Logger } from '@urr/common/logging/logger';
import type { KubeClient } from './kube/kube-client.js';
import { resourceTypes } from './kube/resource-path.js';
import { describeKubeError, isConflict, isNotFound } from './kube-errors.js';
import { microTime } from './micro-time.js';

export interface LeaderElectionOptions {
  readonly kube: KubeClient;
  readonly namespace: string;
  readonly leaseName: string;
  /** Unique per replica (pod name + random suffix). */
  readonly identity: string;
  /** How long a Lease not renewed stays with its holder. @default 15_000 */
  readonly leaseDurationMs?: number;
  /** A leader that could not renew for this long stops leading. @default 10_000 */
  readonly renewDeadlineMs?: number;
  /** How often to try to acquire or renew. @default 2_000 */
  readonly retryPeriodMs?: number;
  readonly onStartedLeading: () => void | Promise<void>;
  readonly onStoppedLeading: () => void | Promise<void>;
  readonly logger: Logger;
}

/** The parts of a coordination.k8s.io/v1 Lease the election reads and writes. */
interface Lease {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; [key: string]: unknown };
  spec?: {
    holderIdentity?: string | undefined;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
  [key: string]: unknown;
}

/**
 * One active replica through a coordination.k8s.io Lease, as client-go's leader election does it:
 * the holder renews every retry period; a candidate takes the Lease once it has seen the same holder
 * record unchanged for a whole lease duration (measured on its own clock, so clock skew between
 * replicas does not matter); writes use the Lease's resourceVersion, so only one candidate wins.
 */
export class LeaderElector {
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private observed: { record: string; atMs: number } | undefined;
  private lastRenewMs = 0;
  private leading = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeaderElectionOptions) {
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /**
   * Stops campaigning. With `release` the Lease is handed back at once (a clean shutdown); without
   * it the Lease runs out as if the process had died.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.cycle;
    if (this.leading) {
      await this.loseLeadership();
      if (options.release) await this.release();
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.cycle = this.tick()
        .catch((error: unknown) =>
          this.options.logger.error(
            { err: describeKubeError(error) },
            'leader election: a leadership callback failed',
          ),
        )
        .finally(() => this.schedule(this.retryPeriodMs));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let acquired: boolean | undefined;
    try {
      acquired = await this.tryAcquireOrRenew();
    } catch (error) {
      this.options.logger.warn(
        { err: describeKubeError(error) },
        'leader election: could not reach the Lease',
      );
    }
    if (!this.running) return;
    if (acquired) {
      this.lastRenewMs = Date.now();
      if (!this.leading) {
        this.leading = true;
        this.options.logger.info({ identity: this.options.identity }, 'leader election: became the leader');
        await this.options.onStartedLeading();
      }
      return;
    }
    // Someone else holds the Lease, or it could not be renewed before the deadline: stop writing
    // before the other replicas consider the Lease expired (renewDeadline < leaseDuration).
    const deadlinePassed = Date.now() - this.lastRenewMs > this.renewDeadlineMs;
    if (this.leading && (acquired === false || deadlinePassed)) await this.loseLeadership();
  }

  private async loseLeadership(): Promise<void> {
    this.leading = false;
    this.options.logger.info({ identity: this.options.identity }, 'leader election: stopped leading');
    await this.options.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { namespace, leaseName: name, identity } = this.options;
    const now = new Date();
    const leaseDurationSeconds = Math.max(1, Math.ceil(this.leaseDurationMs / 1000));
    const { kube } = this.options;
    const leases = resourceTypes.leases;
    let lease: Lease;
    try {
      lease = await kube.get<Lease>(leases, { namespace, name });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await kube.create(leases, namespace, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace },
          spec: {
            holderIdentity: identity,
            leaseDurationSeconds,
            acquireTime: microTime(now),
            renewTime: microTime(now),
            leaseTransitions: 0,
          },
        });
        return true;
      } catch (createError) {
        if (isConflict(createError)) return false;
        throw createError;
      }
    }

    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity ?? '';
    const record = JSON.stringify([holder, String(spec.renewTime ?? ''), spec.leaseDurationSeconds]);
    if (this.observed?.record !== record) this.observed = { record, atMs: Date.now() };
    if (holder && holder !== identity) {
      const heldForMs = (spec.leaseDurationSeconds ?? 0) * 1000;
      if (Date.now() < this.observed.atMs + Math.max(heldForMs, this.leaseDurationMs)) return false;
    }
    const takingOver = holder !== identity;
    try {
      await kube.replace(
        leases,
        { namespace, name },
        {
          ...lease,
          spec: {
            ...spec,
            holderIdentity: identity,
            leaseDurationSeconds,
            renewTime: microTime(now),
            ...(takingOver
              ? {
                  acquireTime: microTime(now),
                  leaseTransitions: (spec.leaseTransitions ?? 0) + (holder ? 1 : 0),
                }
              : {}),
          },
        },
      );
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  private async release(): Promise<void> {
    const { namespace, leaseName: name, identity } = this.options;
    const { kube } = this.options;
    try {
      const lease = await kube.get<Lease>(resourceTypes.leases, { namespace, name });
      if (lease.spec?.holderIdentity !== identity) return;
      await kube.replace(
        resourceTypes.leases,
        { namespace, name },
        {
          ...lease,
          spec: {
            ...lease.spec,
            holderIdentity: undefined,
            leaseDurationSeconds: 1,
            renewTime: microTime(new Date()),
          },
        },
      );
    } catch (error) {
      this.options.logger.warn(
        { err: describeKubeError(error) },
        'leader election: could not release the Lease',
      );
    }
  }
}
