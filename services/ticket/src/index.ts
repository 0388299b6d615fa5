/**
 * ticket-service's public entry point: what other packages may use. Everything else under src/ is the
 * service's inside and moves freely (package.json exports only this and `./testing`). docs/adr/0033.
 */
export { type Config, configSchema } from './config.js';
export * as ticketSchema from './db/schema.js';
export {
  neededTicketMigration,
  requireCurrentTicketSchema,
  TicketSchemaBehindError,
  ticketMigrateCommand,
  ticketSchemaLag,
} from './db/schema-version.js';
export { AdmissionRejectedError } from './domain/errors.js';
export { ticketOpenApiDocument } from './openapi-document.js';
export { demoIds, type SeedResult, seedDemoData } from './seed/demo-data.js';
export { type AdmissionOutcome, applyAdmissionMessage } from './use-cases/admission-ledger.js';
