import type { ConsumerTransaction } from '@urr/common';
import { asc, eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { SaleFacts } from '../domain/sale-report.js';
import type * as schema from './schema.js';
import { saleLineFacts, saleMoneyFacts, saleSamples } from './schema.js';

type Tx = ConsumerTransaction;
type Db = NodePgDatabase<typeof schema>;

export async function saveLineFact(tx: Tx, fact: typeof saleLineFacts.$inferInsert) {
  await tx.insert(saleLineFacts).values(fact).onConflictDoNothing();
}

export async function saveSample(tx: Tx, sample: typeof saleSamples.$inferInsert) {
  await tx.insert(saleSamples).values(sample).onConflictDoNothing();
}

export async function saveMoneyFact(tx: Tx, fact: typeof saleMoneyFacts.$inferInsert) {
  await tx.insert(saleMoneyFacts).values(fact).onConflictDoNothing();
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
