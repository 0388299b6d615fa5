import { bootService, catalogEventDirectory, createInternalClient, openServiceDatabase } from '@urr/common';
import { createApp } from './app.js';
import { createTicketReservations } from './clients/ticket-reservations.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';

const service = bootService({ name: 'community-service', configSchema });
const { config, logger } = service;
const db = await openServiceDatabase({
  config,
  schema,
  migrationsFolder: new URL('../db/migrations', import.meta.url),
  logger,
});
const reservations = createTicketReservations({
  client: createInternalClient({
    baseUrl: config.TICKET_URL,
    token: config.INTERNAL_API_TOKEN,
    timeoutMs: config.TICKET_TIMEOUT_MS,
    target: 'ticket-service',
  }),
  logger,
});
const events = catalogEventDirectory({
  baseUrl: config.CATALOG_URL,
  internalToken: config.INTERNAL_API_TOKEN,
});
await service.serve({ app: createApp({ config, logger, db, reservations, events }), close: [db.close] });
