/** What other packages use of the gateway: its route table's service names and the public document's assembly. */
export { publicDocument, type ServiceDocument } from './domain/public-document.js';
export { type ServiceName, serviceNames } from './domain/route-table.js';
