import {
  type AuthUser,
  createServiceApp,
  type Logger,
  pingRedis,
  type Redis,
  registerSignedInSecurity,
} from '@urr/common';
import type { EventDirectory } from './catalog/event-directory.js';
import type { Config } from './config.js';
import type { AdmissionRateMeter } from './domain/admission-rate.js';
import { queueRoutes } from './routes/queue.js';
import type { Tier2Queue } from './tier2/tier2-queue.js';
import type { Tier1Gate } from './waiting-room/tier1-gate.js';

export interface AppDeps {
  readonly config: Pick<Config, 'ENTRY_TOKEN_SECRET' | 'ENTRY_COOKIE_SECURE' | 'QUEUE_ACTIVE_TTL_SECONDS'>;
  readonly logger: Logger;
  readonly redis: Redis;
  readonly queue: Tier2Queue;
  readonly events: EventDirectory;
  /** Whether a newcomer may line up: the Tier-1 pass while the event's waiting room is active. */
  readonly tier1: Tier1Gate;
  readonly meter: AdmissionRateMeter;
  /** Called with each event a request touched (the sweeper keeps sweeping it). */
  readonly onEventServed?: (eventId: string) => void;
}

export function createApp(deps: AppDeps) {
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'queue-service',
    logger: deps.logger,
    readiness: [{ name: 'redis', check: () => pingRedis(deps.redis) }],
    openapi: {
      title: 'URR queue-service',
      version: '1.0.0',
      description: 'The Tier-2 queue in front of seat selection: line up, wait, get urr-entry-token.',
    },
  });
  registerSignedInSecurity(app);
  app.route('/api/v1/queue', queueRoutes(deps));
  return app;
}
