/** catalog-service as a package: its app and what the app receives. */
export { createApp } from './app.js';
export type { CatalogContext } from './context.js';
