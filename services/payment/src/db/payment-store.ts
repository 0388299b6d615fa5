import { type DbClient, keptStatement, placeholderValue } from '@urr/common';
import { and, eq, gt, lt, or, type Placeholder, sql } from 'drizzle-orm';
import { type RefundRow, refundsOfPayment } from './refund-store.js';
import { payments } from './schema.js';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type PaymentPatch = Partial<Omit<NewPayment, 'id'>>;
type PaymentField = keyof NewPayment;

/** The fields a row or patch gives a value: drizzle builds the same statement for all rows of one set. */
const fieldSetOf = (values: object) =>
  Object.entries(values)
    .flatMap(([field, value]) => (value === undefined ? [] : [field]))
    .sort()
    .join();

/** A kept statement for each of these sets of fields, placeholders named after the fields; none for others. */
function keptPerFieldSet<Kept>(
  fieldSets: readonly (readonly PaymentField[])[],
  keep: (placeholders: Record<string, unknown>) => Kept,
): (values: object) => Kept | undefined {
  const kept = new Map(
    fieldSets.map((fields) => {
      const placeholders = Object.fromEntries(fields.map((field) => [field, placeholderValue(field)]));
      return [fieldSetOf(placeholders), keep(placeholders)];
    }),
  );
  return (values) => kept.get(fieldSetOf(values));
}

const insertOnce = (db: DbClient, payment: NewPayment) =>
  db.insert(payments).values(payment).onConflictDoNothing({ target: payments.reservationId }).returning();

const intentFields = ['id', 'reservationId', 'userId', 'eventId', 'amount', 'currency', 'expiresAt'] as const;
/** A payment as an intent creates it, and as the cancel of a reservation without one does. */
const keptPaymentInsert = keptPerFieldSet(
  [intentFields, [...intentFields, 'status', 'updatedAt']],
  (placeholders) => keptStatement((db) => insertOnce(db, placeholders as NewPayment)),
);

/** Inserts the payment unless its reservation has one already: `undefined` then. */
export async function insertPaymentOnce(db: DbClient, payment: NewPayment): Promise<PaymentRow | undefined> {
  const kept = keptPaymentInsert(payment);
  const [inserted] = await (kept ? kept(db, payment) : insertOnce(db, payment));
  return inserted;
}

const paymentById = keptStatement((db) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.id, sql.placeholder('id'))),
);
const lockedPaymentById = keptStatement((db) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.id, sql.placeholder('id')))
    .for('update'),
);
const paymentByReservation = keptStatement((db) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.reservationId, sql.placeholder('reservationId'))),
);
const lockedPaymentByReservation = keptStatement((db) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.reservationId, sql.placeholder('reservationId')))
    .for('update'),
);

/** The payment by id or by reservation; `lock` takes its row lock (inside a transaction). */
export async function findPaymentRow(
  db: DbClient,
  by: { readonly id: string } | { readonly reservationId: string },
  options: { readonly lock?: boolean } = {},
): Promise<PaymentRow | undefined> {
  const [payment] =
    'id' in by
      ? await (options.lock ? lockedPaymentById : paymentById)(db, { id: by.id })
      : await (options.lock ? lockedPaymentByReservation : paymentByReservation)(db, {
          reservationId: by.reservationId,
        });
  return payment;
}

/** The payment with its refunds, oldest first. */
export async function findPayment(
  db: DbClient,
  by: { readonly id: string } | { readonly reservationId: string },
): Promise<{ readonly payment: PaymentRow; readonly refunds: RefundRow[] } | undefined> {
  const payment = await findPaymentRow(db, by);
  if (!payment) return undefined;
  return { payment, refunds: await refundsOfPayment(db, payment.id) };
}

const patchPayment = (db: DbClient, id: string | Placeholder, patch: PaymentPatch) =>
  db.update(payments).set(patch).where(eq(payments.id, id)).returning();

/** The patches of a confirm's charge and of a captured charge's settlement. */
const keptPaymentPatch = keptPerFieldSet(
  [
    ['status', 'declineCode', 'cardBrand', 'cardLast4', 'chargeAttempts', 'chargeStartedAt', 'updatedAt'],
    [
      'status',
      'failureReason',
      'declineCode',
      'capturedAmount',
      'pspChargeId',
      'reconcileUntil',
      'succeededAt',
      'updatedAt',
    ],
  ],
  (placeholders) => keptStatement((db) => patchPayment(db, sql.placeholder('id'), placeholders)),
);

export async function updatePayment(
  db: DbClient,
  id: string,
  patch: PaymentPatch,
): Promise<PaymentRow | undefined> {
  const kept = keptPaymentPatch(patch);
  const [updated] = await (kept ? kept(db, { ...patch, id }) : patchPayment(db, id, patch));
  return updated;
}

/**
 * Payments whose outcome the PSP may still change: charges under way for longer than `stuckAfterMs`, and
 * failures still inside their reconcile window.
 */
export function paymentsToReconcile(db: DbClient, stuckAfterMs: number, limit: number) {
  return db
    .select({ id: payments.id, status: payments.status, chargeAttempts: payments.chargeAttempts })
    .from(payments)
    .where(
      or(
        and(
          eq(payments.status, 'processing'),
          lt(payments.chargeStartedAt, sql`now() - ${stuckAfterMs} * interval '1 millisecond'`),
        ),
        and(eq(payments.status, 'failed'), gt(payments.reconcileUntil, sql`now()`)),
      ),
    )
    .limit(limit);
}
