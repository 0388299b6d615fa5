import { type ConsumerTransaction, keptStatement } from '@urr/common';
import { asc, eq, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { SaleFacts } from '../domain/sale-report.js';
import type * as schema from './schema.js';
import { saleLineFacts, saleMoneyFacts, saleSamples } from './schema.js';

type Tx = ConsumerTransaction;
type Db = NodePgDatabase<typeof schema>;

const insertLineFact = keptStatement((db) =>
  db
    .insert(saleLineFacts)
    .values({
      messageId: sql.placeholder('messageId'),
      eventId: sql.placeholder('eventId'),
      kind: sql.placeholder('kind'),
      userId: sql.placeholder('userId'),
      arrival: sql.placeholder('arrival'),
      sequence: sql.placeholder('sequence'),
      admittedAtOnce: sql.placeholder('admittedAtOnce'),
      wasAdmitted: sql.placeholder('wasAdmitted'),
      occurredAt: sql.placeholder('occurredAt'),
    })
    .onConflictDoNothing(),
);

export async function saveLineFact(tx: Tx, fact: typeof saleLineFacts.$inferInsert) {
  await insertLineFact(tx, {
    ...fact,
    arrival: fact.arrival ?? null,
    admittedAtOnce: fact.admittedAtOnce ?? null,
    wasAdmitted: fact.wasAdmitted ?? null,
  });
}

const insertSample = keptStatement((db) =>
  db
    .insert(saleSamples)
    .values({
      messageId: sql.placeholder('messageId'),
      eventId: sql.placeholder('eventId'),
      sampledAt: sql.placeholder('sampledAt'),
      servingCounter: sql.placeholder('servingCounter'),
      highestPosition: sql.placeholder('highestPosition'),
      waiting: sql.placeholder('waiting'),
      active: sql.placeholder('active'),
      maxUsers: sql.placeholder('maxUsers'),
      seatsTotal: sql.placeholder('seatsTotal'),
      seatsSold: sql.placeholder('seatsSold'),
      seatsHeld: sql.placeholder('seatsHeld'),
    })
    .onConflictDoNothing(),
);

export async function saveSample(tx: Tx, sample: typeof saleSamples.$inferInsert) {
  await insertSample(tx, {
    ...sample,
    servingCounter: sample.servingCounter ?? null,
    highestPosition: sample.highestPosition ?? null,
    seatsTotal: sample.seatsTotal ?? null,
    seatsSold: sample.seatsSold ?? null,
    seatsHeld: sample.seatsHeld ?? null,
  });
}

const insertMoneyFact = keptStatement((db) =>
  db
    .insert(saleMoneyFacts)
    .values({
      messageId: sql.placeholder('messageId'),
      eventId: sql.placeholder('eventId'),
      kind: sql.placeholder('kind'),
      tickets: sql.placeholder('tickets'),
      amount: sql.placeholder('amount'),
      currency: sql.placeholder('currency'),
      occurredAt: sql.placeholder('occurredAt'),
    })
    .onConflictDoNothing(),
);

/** A payment's fact carries no tickets: 0, the column's default, as for an amount not given. */
export async function saveMoneyFact(tx: Tx, fact: typeof saleMoneyFacts.$inferInsert) {
  await insertMoneyFact(tx, {
    ...fact,
    tickets: fact.tickets ?? 0,
    amount: fact.amount ?? 0,
    currency: fact.currency ?? null,
  });
}

/** Everything the projection holds about one sale; undefined when it holds nothing. */
export async function saleFactsOf(db: Db, eventId: string): Promise<SaleFacts | undefined> {
  const [line, samples, money] = await Promise.all([
    db
      .select()
      .from(saleLineFacts)
      .where(eq(saleLineFacts.eventId, eventId))
      .orderBy(asc(saleLineFacts.sequence)),
    db.select().from(saleSamples).where(eq(saleSamples.eventId, eventId)).orderBy(asc(saleSamples.sampledAt)),
    db
      .select()
      .from(saleMoneyFacts)
      .where(eq(saleMoneyFacts.eventId, eventId))
      .orderBy(asc(saleMoneyFacts.occurredAt)),
  ]);
  if (line.length + samples.length + money.length === 0) return undefined;
  return {
    line: line.map((fact) => ({
      kind: fact.kind,
      userId: fact.userId,
      arrival: fact.arrival,
      sequence: fact.sequence,
      admittedAtOnce: fact.admittedAtOnce,
      wasAdmitted: fact.wasAdmitted,
      at: fact.occurredAt.getTime(),
    })),
    samples: samples.map((sample) => ({
      at: sample.sampledAt.getTime(),
      servingCounter: sample.servingCounter,
      highestPosition: sample.highestPosition,
      waiting: sample.waiting,
      active: sample.active,
      maxUsers: sample.maxUsers,
      seats:
        sample.seatsTotal === null || sample.seatsSold === null || sample.seatsHeld === null
          ? null
          : { total: sample.seatsTotal, sold: sample.seatsSold, held: sample.seatsHeld },
    })),
    money: money.map((fact) => ({
      kind: fact.kind,
      tickets: fact.tickets,
      amount: fact.amount,
      currency: fact.currency,
      at: fact.occurredAt.getTime(),
    })),
  };
}
