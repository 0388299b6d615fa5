/** community-service as a package: its app and what the app receives. */
export { createApp } from './app.js';
export type { CommunityContext } from './context.js';
