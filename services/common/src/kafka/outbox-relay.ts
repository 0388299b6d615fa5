import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { listenForNotifications, type PgNotifications } from '../db/pg-notifications.js';
import type { Logger } from '../logging/logger.js';
import type { EventEnvelope } from './event-envelope.js';
import { registerOutboxMetrics } from './outbox-metrics.js';

export interface OutboxRelayOptions {
  // biome-ignore lint/suspicious/noExplicitAny: any service schema
  readonly db: NodePgDatabase<any>;
  /** A connected producer (`createProducer(kafka)`); the caller connects and disconnects it. */
  readonly producer: Producer;
  readonly logger: Logger;
  /** @default 100 */
  readonly batchSize?: number;
  /** Wait between polls when the outbox is drained and nothing wakes the relay. @default 200 */
  readonly pollIntervalMs?: number;
  /**
   * Notifications on the `outbox_written` channel, which the outbox's insert trigger sends at commit
   * (docs/adr/0060). With them the drained relay sleeps until a commit wakes it, polling only every
   * `fallbackPollMs` in case a notification was lost.
   */
  readonly written?: PgNotifications;
  /** With `written`: the poll that runs although nothing woke the relay. @default 5000 */
  readonly fallbackPollMs?: number;
  /** With `written`: the least time between two runs, so that a burst of commits goes out in one batch. @default 25 */
  readonly minGapMs?: number;
  /** Registers `outbox_pending_events` and `outbox_oldest_pending_age_seconds` (see registerOutboxMetrics). */
  readonly registry?: Registry;
}

export interface OutboxRelay {
  /** Publishes one batch; returns how many rows it published. */
  readonly runOnce: () => Promise<number>;
  /** Polls until `stop()`. */
  readonly start: () => void;
  /** Finishes the batch in progress and stops polling. */
  readonly stop: () => Promise<void>;
}

interface OutboxRow extends Record<string, unknown> {
  id: string;
  topic: string;
  key: string;
  envelope: EventEnvelope;
  headers: Record<string, string>;
}

/**
 * Locks up to `batchSize` unpublished rows in outbox order (skipping rows another relay holds), keeps those
 * with no earlier unpublished row of their key outside the batch (that row is another relay's, and its key
 * must reach Kafka in order), marks them published and returns them (in no particular order).
 */
function takeReadyBatch(batchSize: number) {
  return sql`
    with locked as materialized (
      select id, topic, key from outbox
      where published_at is null
      order by id
      limit ${batchSize}
      for update skip locked
    ), blockers as (
      select o.topic, o.key, min(o.id) as first_id from outbox o
      where o.published_at is null
        and o.id < (select max(id) from locked)
        and o.id not in (select id from locked)
        and o.key in (select key from locked)
      group by o.topic, o.key
    )
    update outbox set published_at = now()
    from locked l left join blockers b on b.topic = l.topic and b.key = l.key
    where outbox.id = l.id and (b.first_id is null or l.id < b.first_id)
    returning outbox.id, outbox.topic, outbox.key, outbox.envelope, outbox.headers`;
}

/**
 * Publishes committed outbox rows to Kafka and marks them published, at least once (a crash between
 * send and commit republishes; consumers deduplicate by envelope id).
 *
 * Several relays may run (one per replica): each locks its batch with FOR UPDATE SKIP LOCKED, and
 * defers a row whose key still has an earlier unpublished row outside its batch (locked by another
 * relay), so events of one key reach Kafka in outbox order.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, producer, logger } = options;
  const batchSize = options.batchSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  if (options.registry) registerOutboxMetrics({ db, registry: options.registry, logger });

  const runOnce = () =>
    db.transaction(async (tx) => {
      // One statement takes the batch and marks it published; a failed send rolls the marks back.
      const marked = await tx.execute<OutboxRow>(takeReadyBatch(batchSize));
      if (marked.rows.length === 0) return 0;
      const ready = marked.rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));

      const byTopic = new Map<string, OutboxRow[]>();
      for (const row of ready) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, rows]) => ({
          topic,
          messages: rows.map((row) => ({
            key: row.key,
            value: JSON.stringify(row.envelope),
            headers: {
              ...row.headers,
              'message-id': row.envelope.id,
              'event-type': row.envelope.type,
              'schema-version': String(row.envelope.schemaVersion),
            },
          })),
        })),
      });
      return ready.length;
    });

  let running = false;
  let loop: Promise<void> | undefined;
  let stopping = new AbortController();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopping.signal.addEventListener('abort', done, { once: true });
    });
  /**
   * What ends the drained relay's sleep: the next commit that wrote to the outbox (the wait starts at once,
   * before the run it follows), or the poll interval.
   */
  const nextWrite = (): { readonly wait: () => Promise<void>; readonly cancel: () => void } => {
    const { written } = options;
    if (!written) return { wait: () => pause(pollIntervalMs), cancel: () => {} };
    const cancelled = new AbortController();
    const done = written.next(
      '',
      options.fallbackPollMs ?? 5000,
      AbortSignal.any([cancelled.signal, stopping.signal]),
    );
    return { wait: () => done, cancel: () => cancelled.abort() };
  };
  const minGapMs = options.written ? (options.minGapMs ?? 25) : 0;

  return {
    runOnce,
    start: () => {
      if (running) return;
      running = true;
      stopping = new AbortController();
      loop = (async () => {
        let failures = 0;
        while (running) {
          // Registered before the run: a commit after the run's read still wakes the next one.
          const written = nextWrite();
          try {
            const published = await runOnce();
            failures = 0;
            if (published >= batchSize) {
              written.cancel();
              continue;
            }
            await written.wait();
            if (minGapMs > 0 && running) await pause(minGapMs);
          } catch (error) {
            written.cancel();
            failures += 1;
            logger.error({ err: error, failures }, 'outbox relay failed to publish; retrying');
            await pause(Math.min(pollIntervalMs * 2 ** failures, 10_000));
          }
        }
      })();
    },
    stop: async () => {
      running = false;
      stopping.abort();
      await loop;
    },
  };
}

/** The channel the outbox's insert trigger notifies (each service's migration `outbox-written-notify`). */
export const outboxWrittenChannel = 'outbox_written';

/**
 * The relay a service runs: started at once and woken by the commits that wrote to its outbox, over one
 * listening connection to the primary at `databaseUrl` (docs/adr/0060). `stop` finishes the batch in
 * progress, then closes that connection.
 */
export function startOutboxRelay(
  options: Omit<OutboxRelayOptions, 'written'> & { readonly databaseUrl: string },
): { readonly stop: () => Promise<void> } {
  const written = listenForNotifications({
    url: options.databaseUrl,
    channel: outboxWrittenChannel,
    logger: options.logger,
  });
  const relay = createOutboxRelay({ ...options, written });
  relay.start();
  return {
    stop: async () => {
      await relay.stop();
      await written.close();
    },
  };
}
