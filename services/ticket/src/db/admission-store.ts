import type { DbClient } from '@urr/common';
import type { AdmissionMessage } from '@urr/common/events/admission-message';
import { and, count, eq, sql } from 'drizzle-orm';
import type { AdmissionState } from '../domain/admission-state.js';
import { admissionMessages, admissions } from './schema.js';

/** Records the message as applied; false when it was applied before. */
export async function recordAdmissionMessage(tx: DbClient, message: AdmissionMessage): Promise<boolean> {
  const inserted = await tx
    .insert(admissionMessages)
    .values({
      messageId: message.id,
      type: message.type,
      eventId: message.eventId,
      userId: message.userId,
      position: message.position,
      occurredAt: new Date(message.occurredAt),
    })
    .onConflictDoNothing()
    .returning({ messageId: admissionMessages.messageId });
  return inserted.length > 0;
}

/** The user's admission row, locked until the transaction ends. */
export async function lockAdmission(
  tx: DbClient,
  eventId: string,
  userId: string,
): Promise<AdmissionState | undefined> {
  const [row] = await tx
    .select()
    .from(admissions)
    .where(and(eq(admissions.eventId, eventId), eq(admissions.userId, userId)))
    .for('update');
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
  if (exists) {
    await tx
      .update(admissions)
      .set(state)
      .where(and(eq(admissions.eventId, eventId), eq(admissions.userId, userId)));
    return true;
  }
  const inserted = await tx
    .insert(admissions)
    .values({ eventId, userId, ...state })
    .onConflictDoNothing()
    .returning({ userId: admissions.userId });
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
