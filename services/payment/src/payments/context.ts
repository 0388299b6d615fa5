import type { Logger } from '@urr/common';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from '../db/schema.js';
import type { PaymentProvider } from '../psp/payment-provider.js';

/** What the payment use cases need: the primary database, the PSP, and where events go. */
export interface PaymentContext {
  readonly db: NodePgDatabase<typeof schema>;
  readonly provider: PaymentProvider;
  readonly logger: Logger;
  /** `payment-events`; tests pass a topic of their own. */
  readonly topic: string;
  readonly reconcileWindowMs: number;
}

export type PaymentRow = typeof schema.payments.$inferSelect;
export type RefundRow = typeof schema.refunds.$inferSelect;
