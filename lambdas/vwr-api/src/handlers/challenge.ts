import { depsFromEnv } from '../env-deps.js';
import { challengeRoute } from '../routes.js';

/** Lambda entry point (API Gateway HTTP API, payload format 2.0). */
export const handler = challengeRoute(depsFromEnv);
