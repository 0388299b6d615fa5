import type { DbClient, Logger } from '@urr/common';
import { ticketSchemaLag } from '@urr/ticket-service';

/**
 * The local worker's start: ticket-service applies ticket_db's migrations when it starts, and the local
 * stack starts both at once, so the worker gives it `waitSeconds` before refusing. Answers undefined once
 * the schema is current, else the one line naming what to run.
 */
export async function waitForTicketSchema(options: {
  readonly db: DbClient;
  readonly waitSeconds: number;
  readonly logger: Logger;
  /** Between two looks. @default 1000 */
  readonly pollMs?: number;
}): Promise<string | undefined> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  let lag = await ticketSchemaLag(options.db);
  if (lag && options.waitSeconds > 0)
    options.logger.info({ waitSeconds: options.waitSeconds, lag }, 'waiting for ticket_db’s migrations');
  while (lag && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
    lag = await ticketSchemaLag(options.db);
  }
  return lag;
}
