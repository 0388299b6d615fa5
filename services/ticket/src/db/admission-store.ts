import { type DbClient, keptStatement, placeholderValue } from '@urr/common';
import type { AdmissionMessage } from '@urr/common/events/admission-message';
import { and, count, eq, sql } from 'drizzle-orm';
import type { AdmissionState } from '../domain/admission-state.js';
import { admissionMessages, admissions } from './schema.js';

const insertAdmissionMessage = keptStatement((db) =>
  db
    .insert(admissionMessages)
    .values({
      messageId: sql.placeholder('messageId'),
      type: sql.placeholder('type'),
      eventId: sql.placeholder('eventId'),
      userId: sql.placeholder('userId'),
      position: sql.placeholder('position'),
      occurredAt: sql.placeholder('occurredAt'),
    })
    .onConflictDoNothing()
    .returning({ messageId: admissionMessages.messageId }),
);
const lockedAdmission = keptStatement((db) =>
  db
    .select()
    .from(admissions)
    .where(
      and(
        eq(admissions.eventId, sql.placeholder('eventId')),
        eq(admissions.userId, sql.placeholder('userId')),
      ),
    )
    .for('update'),
);
const stateFields = {
  status: placeholderValue<AdmissionState['status']>('status'),
  position: placeholderValue<number | null>('position'),
  admittedAt: placeholderValue<Date | null>('admittedAt'),
  endedAt: placeholderValue<Date | null>('endedAt'),
  changedAt: placeholderValue<Date>('changedAt'),
  admissionCount: placeholderValue<number>('admissionCount'),
} satisfies AdmissionState;
const updateAdmission = keptStatement((db) =>
  db
    .update(admissions)
    .set(stateFields)
    .where(
      and(
        eq(admissions.eventId, sql.placeholder('eventId')),
        eq(admissions.userId, sql.placeholder('userId')),
      ),
    ),
);
const insertAdmission = keptStatement((db) =>
  db
    .insert(admissions)
    .values({ eventId: sql.placeholder('eventId'), userId: sql.placeholder('userId'), ...stateFields })
    .onConflictDoNothing()
    .returning({ userId: admissions.userId }),
);

/** Records the message as applied; false when it was applied before. */
export async function recordAdmissionMessage(tx: DbClient, message: AdmissionMessage): Promise<boolean> {
  const inserted = await insertAdmissionMessage(tx, {
    messageId: message.id,
    type: message.type,
    eventId: message.eventId,
    userId: message.userId,
    position: message.position,
    occurredAt: new Date(message.occurredAt),
  });
  return inserted.length > 0;
}

/** The user's admission row, locked until the transaction ends. */
export async function lockAdmission(
  tx: DbClient,
  eventId: string,
  userId: string,
): Promise<AdmissionState | undefined> {
  const [row] = await lockedAdmission(tx, { eventId, userId });
  return row;
}

/** Writes the user's admission state: insert when new, else update (the caller holds the row lock). */
export async function saveAdmission(
  tx: DbClient,
  eventId: string,
  userId: string,
  state: AdmissionState,
  exists: boolean,
): Promise<boolean> {
  const values = {
    eventId,
    userId,
    status: state.status,
    position: state.position,
    admittedAt: state.admittedAt,
    endedAt: state.endedAt,
    changedAt: state.changedAt,
    admissionCount: state.admissionCount,
  };
  if (exists) {
    await updateAdmission(tx, values);
    return true;
  }
  const inserted = await insertAdmission(tx, values);
  return inserted.length > 0;
}

export async function admissionFiguresOf(db: DbClient, eventId: string) {
  const rows = await db
    .select({
      status: admissions.status,
      users: count(),
      admissions: sql<number>`coalesce(sum(${admissions.admissionCount}), 0)::int`,
    })
    .from(admissions)
    .where(eq(admissions.eventId, eventId))
    .groupBy(admissions.status);
  const users = (status: string) => rows.find((row) => row.status === status)?.users ?? 0;
  return {
    admitted: users('admitted'),
    left: users('left'),
    expired: users('expired'),
    admissions: rows.reduce((sum, row) => sum + row.admissions, 0),
  };
}
