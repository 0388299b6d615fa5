import { tier2Keys } from '@urr/common/queue/tier2-keys';
import type { WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import type { DynamoClient } from '@urr/vwr-shared/dynamo';
import type { Redis } from 'ioredis';
import type { Sample } from './verdict.js';

export interface SaleSamples {
  /** Per sale (event id). */
  readonly servingCounter: Record<string, Sample[]>;
  readonly tier2Active: Record<string, Sample[]>;
  readonly seatsLeft: Sample[];
}

export interface SamplerOptions {
  readonly dynamo: DynamoClient;
  readonly tables: WaitingRoomTables;
  readonly redis: Redis;
  readonly eventIds: readonly string[];
  /** Seats not yet sold, from ticket-service's database. */
  readonly seatsLeft: () => Promise<number>;
  readonly intervalMs?: number;
}

/**
 * Reads the waiting rooms' own state once a second while the sale runs: Tier 1's serving counter (strongly
 * consistent), Tier 2's active users, seats left. A read that fails (a restarting server) is skipped.
 */
export function startSamplers(options: SamplerOptions): { samples: SaleSamples; stop: () => Promise<void> } {
  const counters = new CountersStore(options.dynamo, options.tables);
  const samples: SaleSamples = {
    servingCounter: Object.fromEntries(options.eventIds.map((id) => [id, []])),
    tier2Active: Object.fromEntries(options.eventIds.map((id) => [id, []])),
    seatsLeft: [],
  };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = Date.now();
      await Promise.all([
        ...options.eventIds.flatMap((eventId) => [
          counters
            .readRoom(eventId, true)
            .then((room) => samples.servingCounter[eventId]!.push({ at, value: room.servingCounter }))
            .catch(() => undefined),
          options.redis
            .zcard(tier2Keys.active(eventId))
            .then((value) => samples.tier2Active[eventId]!.push({ at, value }))
            .catch(() => undefined),
        ]),
        options
          .seatsLeft()
          .then((value) => samples.seatsLeft.push({ at, value }))
          .catch(() => undefined),
      ]);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, (options.intervalMs ?? 1000) - (Date.now() - at))),
      );
    }
  })();
  return {
    samples,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
