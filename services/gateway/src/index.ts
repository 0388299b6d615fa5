/**
 * gateway-service as a package: its app, what the app receives, the route table's service names and the
 * public document's assembly (npm run openapi writes the public document with them).
 */
export { createApp } from './app.js';
export { type GatewayContext, gatewayContext } from './context.js';
export { publicDocument, type ServiceDocument } from './domain/public-document.js';
export { type ServiceName, serviceNames } from './domain/route-table.js';
