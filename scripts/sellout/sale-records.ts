import type { CountersStore } from '@urr/vwr-shared/counters-store';
import pg from 'pg';
import type { ChargeRecord, Opening, PaymentRecord, ReservationRecord } from './verdict.js';

/** Where the verdict's records live: the services' databases and the PSP's books. */
export interface RecordSources {
  readonly postgresUrl: (database: string) => string;
  readonly pspUrl: string;
  readonly pspApiKey: string;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function reservationsOf(
  sources: RecordSources,
  eventIds: readonly string[],
): Promise<ReservationRecord[]> {
  const rows = await query<{
    id: string;
    user_id: string;
    booked_by: string;
    status: ReservationRecord['status'];
    ticket_type_id: string | null;
    ticket_count: number;
    seat_ids: string[];
  }>(
    sources.postgresUrl('ticket_db'),
    `SELECT r.id, r.user_id, r.status,
            COALESCE((SELECT t.from_user_id FROM transfers t
                       WHERE t.reservation_id = r.id AND t.status = 'COMPLETED'
                       ORDER BY t.created_at LIMIT 1), r.user_id) AS booked_by, r.ticket_type_id, r.ticket_count,
            COALESCE(array_agg(rs.seat_id) FILTER (WHERE rs.seat_id IS NOT NULL), '{}') AS seat_ids
       FROM reservations r LEFT JOIN reservation_seats rs ON rs.reservation_id = r.id
      WHERE r.event_id = ANY($1::uuid[])
      GROUP BY r.id`,
    [eventIds],
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    bookedBy: row.booked_by,
    status: row.status,
    ticketTypeId: row.ticket_type_id,
    ticketCount: row.ticket_count,
    seatIds: row.seat_ids,
  }));
}

export async function paymentsOf(
  sources: RecordSources,
  eventIds: readonly string[],
): Promise<PaymentRecord[]> {
  const rows = await query<{ id: string; reservation_id: string; status: string }>(
    sources.postgresUrl('payment_db'),
    'SELECT id, reservation_id, status FROM payments WHERE event_id = ANY($1::text[])',
    [eventIds],
  );
  return rows.map((row) => ({ id: row.id, reservationId: row.reservation_id, status: row.status }));
}

/** Every charge the PSP made for these payments (its books are looked up by the payment's id). */
export async function chargesOf(
  sources: RecordSources,
  payments: readonly PaymentRecord[],
): Promise<ChargeRecord[]> {
  const charges: ChargeRecord[] = [];
  for (let i = 0; i < payments.length; i += 20) {
    const batch = await Promise.all(
      payments.slice(i, i + 20).map(async (payment) => {
        const url = `${sources.pspUrl}/v1/charges?reference=${encodeURIComponent(payment.id)}`;
        const response = await fetch(url, { headers: { authorization: `Bearer ${sources.pspApiKey}` } });
        if (!response.ok) throw new Error(`the test PSP answered ${response.status} for ${url}`);
        return ((await response.json()) as { data: ChargeRecord[] }).data;
      }),
    );
    charges.push(...batch.flat());
  }
  return charges;
}

/** Seats of the performance not in a CONFIRMED reservation. */
export async function seatsLeftOf(sources: RecordSources, performanceId: string): Promise<number> {
  const [row] = await query<{ left: string }>(
    sources.postgresUrl('ticket_db'),
    `SELECT count(*) AS left FROM seats s
      WHERE s.performance_id = $1
        AND NOT EXISTS (SELECT 1 FROM reservation_seats rs WHERE rs.seat_id = s.id AND rs.status = 'CONFIRMED')`,
    [performanceId],
  );
  return Number(row?.left ?? 0);
}

/** Each sale's opening as its waiting room sealed it: the opening time and the pre-queue's size. */
export async function openingsOf(
  counters: Pick<CountersStore, 'readRoom'>,
  eventIds: readonly string[],
): Promise<Record<string, Opening>> {
  const openings: Record<string, Opening> = {};
  for (const eventId of eventIds) {
    const room = await counters.readRoom(eventId, true);
    if (room.opensAt !== undefined && room.preQueue !== undefined)
      openings[eventId] = { opensAt: room.opensAt, preQueueSize: room.preQueue.size };
  }
  return openings;
}
