import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import { eventually } from '../local-stack/node/cluster-testing.js';

export interface GatewayAnswer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they expect
  readonly body: any;
}

export interface BookingThroughGateway {
  /** http://host:port of the gateway as a browser reaches it. */
  readonly gateway: string;
  readonly eventId: string;
  readonly seatId: string;
  /** The fan's access token (auth-service's key). */
  readonly accessToken: string;
  /** Headers the fan also sends, e.g. the Tier-1 pass. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A fan's booking through the gateway as the web app makes it: queue enter (admitted at once), seat
 * reserve with the entry pass, payment confirm with a test card. Answers the reservation's id.
 */
export async function bookAndPay(booking: BookingThroughGateway): Promise<string> {
  const post = async (
    path: string,
    body: unknown,
    extra: Record<string, string> = {},
  ): Promise<GatewayAnswer> => {
    const response = await fetch(`${booking.gateway}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${booking.accessToken}`,
        'x-forwarded-for': '198.51.100.7',
        'content-type': 'application/json',
        ...booking.headers,
        ...extra,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const entered = await post(`/api/v1/queue/${booking.eventId}/enter`, {});
  expect(entered.status, JSON.stringify(entered.body)).toBe(200);
  expect(entered.body.state).toBe('admitted');
  const pass = { 'x-queue-entry-token': entered.body.entryToken as string };
  const held = await post(
    '/api/v1/seats/reserve',
    { eventId: booking.eventId, seatIds: [booking.seatId] },
    pass,
  );
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  const paid = await post(
    `/api/v1/payments/${held.body.paymentIntentId}/confirm`,
    { cardNumber: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' },
    { ...pass, 'idempotency-key': randomUUID() },
  );
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return held.body.id as string;
}

/** Waits until ticket_db holds the reservation CONFIRMED for the fan. */
export async function expectConfirmed(
  postgresPort: string,
  reservationId: string,
  userId: string,
): Promise<void> {
  const db = new pg.Client({ connectionString: `postgres://urr@127.0.0.1:${postgresPort}/ticket_db` });
  await db.connect();
  try {
    await eventually(
      'the reservation CONFIRMED',
      async () => {
        const row = await db.query<{ status: string; user_id: string }>(
          'SELECT status, user_id FROM reservations WHERE id = $1',
          [reservationId],
        );
        if (row.rows[0]?.status !== 'CONFIRMED') throw new Error(`status ${row.rows[0]?.status}`);
        expect(row.rows[0]?.user_id).toBe(userId);
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
  } finally {
    await db.end();
  }
}
