export { type Clock, SteppableClock, systemClock } from './clock.js';
export { installCrd, readCrdFile, ticketEventCrd } from './crd.js';
export { createOperatorServer } from './http-server.js';
export { OperatorMetrics } from './metrics.js';
export { Operator, type OperatorOptions } from './operator.js';
export type { SalesFigures } from './phase.js';
export { httpSalesFigures, type SalesFiguresSource, SettableSalesFigures } from './sales-figures.js';
export {
  cleanupFinalizer,
  parseSpec,
  type TicketEventSpec,
  type TicketEventStatus,
  ticketEventApi,
} from './ticket-event.js';
