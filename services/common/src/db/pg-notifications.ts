import { Client } from 'pg';
import type { Logger } from '../logging/logger.js';

export interface PgNotifications {
  /**
   * Resolves at the next notification on the channel whose payload is `payload`, after `ms` at the latest,
   * or when `signal` aborts; never rejects. A caller re-reads what it waits for after each wake-up: a
   * notification sent before it started waiting, or while the connection was down, is not replayed.
   */
  readonly next: (payload: string, ms: number, signal?: AbortSignal) => Promise<void>;
  /** Ends the connection; every wait resolves at once. */
  readonly close: () => Promise<void>;
}

export interface PgNotificationsOptions {
  /** The primary's URL: notifications are sent at commit on the primary. */
  readonly url: string;
  /** The channel (lower-case letters and underscores) the database's triggers notify. */
  readonly channel: string;
  readonly logger: Logger;
  /** Pause before connecting again after the connection failed. @default 1000 */
  readonly retryMs?: number;
}

/**
 * One dedicated connection per process that `LISTEN`s on a channel and wakes the waits for a payload
 * (docs/adr/0054). It connects in the background and again after any failure, waking every wait when it
 * is back so that none sleeps through what it missed.
 */
export function listenForNotifications(options: PgNotificationsOptions): PgNotifications {
  const { channel, logger } = options;
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const retryMs = options.retryMs ?? 1000;
  const waits = new Map<string, Set<() => void>>();
  let client: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const wake = (payload: string) => {
    for (const done of [...(waits.get(payload) ?? [])]) done();
  };
  const wakeAll = () => {
    for (const payload of [...waits.keys()]) wake(payload);
  };

  const connect = async () => {
    if (closed) return;
    const connection = new Client({ connectionString: options.url });
    client = connection;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed || closed) return;
      failed = true;
      logger.warn({ err: error, channel }, 'notification connection lost; connecting again');
      connection.end().catch(() => undefined);
      retry = setTimeout(() => void connect(), retryMs);
    };
    connection.on('error', fail);
    connection.on('end', () => fail(new Error('connection ended')));
    connection.on('notification', (message) => wake(message.payload ?? ''));
    try {
      await connection.connect();
      await connection.query(`LISTEN ${channel}`);
      wakeAll();
    } catch (error) {
      fail(error);
    }
  };
  void connect();

  return {
    next: (payload, ms, signal) =>
      new Promise<void>((resolve) => {
        if (closed || signal?.aborted) return resolve();
        let set = waits.get(payload);
        if (!set) {
          set = new Set();
          waits.set(payload, set);
        }
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          set.delete(done);
          if (set.size === 0 && waits.get(payload) === set) waits.delete(payload);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        set.add(done);
      }),
    close: async () => {
      closed = true;
      clearTimeout(retry);
      wakeAll();
      await client?.end().catch(() => undefined);
    },
  };
}
