export { loadVwrApiConfig, type VwrApiConfig, vwrApiEnvSchema } from './config.js';
export { createVwrApiDeps, type VwrApiDeps } from './deps.js';
export { depsFromEnv } from './env-deps.js';
export type { ApiEvent, ApiResult } from './http.js';
export { type HttpApiRequest, httpApiEvent } from './http-api-event.js';
export { type ApiHandler, assignRoute, checkRoute, leaveRoute, vwrApiRoutes } from './routes.js';
export { createWaitingRoom, type Outcome, type WaitingRoom } from './waiting-room.js';
