/** ticket-service's test helpers, for other packages' tests (`@urr/ticket-service/testing`). */
export { type BlankDatabase, createBlankDatabase } from './blank-database.js';
export {
  type Answer,
  call,
  createSaleEvent,
  createSeatedSale,
  type EventSetup,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from './ticket-test-env.js';
