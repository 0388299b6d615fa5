import type { EventDirectory, Logger, Redis } from '@urr/common';
import type { Config } from './config.js';
import type { Tier2Queue } from './db/tier2-queue-store.js';
import type { AdmissionRateMeter } from './domain/admission-rate.js';
import type { PassRevoker } from './use-cases/revoke-passes.js';
import type { Tier1Gate } from './use-cases/tier1-gate.js';

/**
 * What queue's routes receive. main.ts builds it from the connections; the test harness and the OpenAPI
 * document build theirs with their own keys and stand-ins.
 */
export interface QueueContext {
  readonly config: Pick<
    Config,
    'ENTRY_TOKEN_SECRET' | 'ENTRY_COOKIE_SECURE' | 'QUEUE_ACTIVE_TTL_SECONDS' | 'INTERNAL_API_TOKEN'
  >;
  readonly logger: Logger;
  readonly redis: Redis;
  readonly queue: Tier2Queue;
  readonly events: EventDirectory;
  /** Whether a newcomer may line up: the Tier-1 pass while the event's waiting room is active. */
  readonly tier1: Tier1Gate;
  readonly meter: AdmissionRateMeter;
  /** Voids an account's waiting-room and entry passes (docs/adr/0040). */
  readonly revocations: PassRevoker;
  /** Called with each event a request touched (the sweeper keeps sweeping it). */
  readonly onEventServed?: (eventId: string) => void;
}
