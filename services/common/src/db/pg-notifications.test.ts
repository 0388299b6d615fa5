import { randomUUID } from 'node:crypto';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/log-capture.js';
import { listenForNotifications, type PgNotifications } from './pg-notifications.js';

const url = localStackEndpoints().postgresUrl('ticket_db');
const channel = `urr_test_${randomUUID().replaceAll('-', '').replace(/[0-9]/g, 'x')}`;
const { logger } = captureLogs('pg-notifications-test');
let notifications: PgNotifications;
let sender: Client;

const notify = (payload: string) => sender.query('select pg_notify($1, $2)', [channel, payload]);
/** How long `next` took to resolve, in ms. */
async function timed(wait: Promise<void>): Promise<number> {
  const started = Date.now();
  await wait;
  return Date.now() - started;
}
/**
 * Waits until the listener's connection is up: a notification reaches a wait. Time bounds below sit
 * well short of the waits they tell apart, so a loaded machine still passes.
 */
async function listening(): Promise<void> {
  for (;;) {
    const payload = randomUUID();
    const wait = notifications.next(payload, 2_000);
    await notify(payload);
    if ((await timed(wait)) < 1_500) return;
  }
}

beforeAll(async () => {
  sender = new Client({ connectionString: url });
  await sender.connect();
  notifications = listenForNotifications({ url, channel, logger, retryMs: 100 });
  await listening();
});
afterAll(async () => {
  await notifications?.close();
  await sender?.end();
});

describe('waiting for a notification on a channel', () => {
  it('wakes the waits for its payload at once, and only those', async () => {
    const mine = notifications.next('r-1', 5_000);
    const other = notifications.next('r-2', 300);
    await notify('r-1');
    expect(await timed(mine)).toBeLessThan(2_500);
    expect(await timed(other)).toBeGreaterThanOrEqual(200);
  });

  it('wakes at the commit of the transaction that notified, not before', async () => {
    const writer = new Client({ connectionString: url });
    await writer.connect();
    await writer.query('begin');
    await writer.query('select pg_notify($1, $2)', [channel, 'r-3']);
    const wait = notifications.next('r-3', 5_000);
    let woken = false;
    void wait.then(() => {
      woken = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(woken).toBe(false);
    await writer.query('commit');
    await wait;
    expect(woken).toBe(true);
    await writer.end();
  });

  it('ends a wait when its signal aborts, and after its time', async () => {
    const abort = new AbortController();
    const wait = notifications.next('r-4', 10_000, abort.signal);
    abort.abort();
    expect(await timed(wait)).toBeLessThan(2_000);
    expect(await timed(notifications.next('r-4', 150))).toBeGreaterThanOrEqual(140);
  });

  it('comes back after its connection is killed, waking the waits then, and hears notifications again', async () => {
    const waitDuringOutage = notifications.next('r-5', 10_000);
    const killed = await sender.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where query = $1 and pid <> pg_backend_pid()`,
      [`LISTEN ${channel}`],
    );
    expect(killed.rowCount).toBe(1);
    // Woken when the connection is back (it missed whatever was sent meanwhile), well before its 10 s.
    expect(await timed(waitDuringOutage)).toBeLessThan(5_000);
    await listening();
    const after = notifications.next('r-6', 5_000);
    await notify('r-6');
    expect(await timed(after)).toBeLessThan(2_500);
  });

  it('wakes every wait when closed', async () => {
    const own = listenForNotifications({ url, channel, logger });
    const wait = own.next('r-7', 10_000);
    await own.close();
    expect(await timed(wait)).toBeLessThan(2_000);
    expect(await timed(own.next('r-7', 10_000))).toBeLessThan(2_000);
  });
});
