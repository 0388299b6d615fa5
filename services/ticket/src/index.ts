/**
 * ticket-service as a package: its app and what the app receives, and what the ticket-worker and the demo
 * seed's users need. Everything else under src/ is the service's inside and moves freely (package.json
 * exports only this, `./config`, `./openapi-document` and `./testing`). docs/adr/0033.
 */
export { type AppDeps, createApp } from './app.js';
export { type TicketContext, type TicketContextOptions, ticketContext } from './context.js';
export * as ticketSchema from './db/schema.js';
export {
  neededTicketMigration,
  requireCurrentTicketSchema,
  TicketSchemaBehindError,
  ticketMigrateCommand,
  ticketSchemaLag,
} from './db/schema-version.js';
export { AdmissionRejectedError } from './domain/errors.js';
export { demoIds, type SeedResult, seedDemoData } from './seed/demo-data.js';
export { type AdmissionOutcome, applyAdmissionMessage } from './use-cases/admission-ledger.js';
