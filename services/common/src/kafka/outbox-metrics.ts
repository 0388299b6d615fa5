import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logging/logger.js';

export interface OutboxMetricsOptions {
  // biome-ignore lint/suspicious/noExplicitAny: any service schema
  readonly db: NodePgDatabase<any>;
  readonly registry: Registry;
  readonly logger: Logger;
}

interface OutboxBacklog extends Record<string, unknown> {
  pending: number;
  oldest_age_seconds: number;
}

/**
 * `outbox_pending_events` and `outbox_oldest_pending_age_seconds`: the service's unpublished outbox rows,
 * read from PostgreSQL at each scrape (one query serves both gauges). Every replica reports the same table.
 * When the query fails the gauges keep their last values and the failure is logged: the rest of the
 * service's metrics are still served.
 */
export function registerOutboxMetrics(options: OutboxMetricsOptions): void {
  const { db, registry, logger } = options;
  let reading: Promise<OutboxBacklog | undefined> | undefined;
  const backlog = () => {
    reading ??= db
      .execute<OutboxBacklog>(sql`
        select count(*)::int as pending,
               coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest_age_seconds
        from outbox where published_at is null`)
      .then(
        (result) => result.rows[0],
        (error: unknown) => {
          logger.warn({ err: error }, 'outbox backlog not read for the metrics');
          return undefined;
        },
      )
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  new Gauge({
    name: 'outbox_pending_events',
    help: 'Outbox events written and not yet published to Kafka.',
    registers: [registry],
    async collect() {
      const read = await backlog();
      if (read) this.set(read.pending);
    },
  });
  new Gauge({
    name: 'outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox event not yet published to Kafka (0 when none waits).',
    registers: [registry],
    async collect() {
      const read = await backlog();
      if (read) this.set(Math.max(0, read.oldest_age_seconds));
    },
  });
}
