import { createLogger, type Logger } from '@urr/common/logging/logger';
import { dynamoOptionsOf, tablesOf } from '@urr/vwr-shared/config';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { PositionsStore } from '@urr/vwr-shared/positions-store';
import { advanceAll } from './advance-all.js';
import type { AdvancerStores } from './advance-event.js';
import { loadCounterAdvancerConfig } from './config.js';
import { type CycleOptions, realSleep, runCycles } from './cycles.js';

export interface CounterAdvancerOptions {
  readonly stores: AdvancerStores;
  readonly logger: Logger;
  readonly cycles: CycleOptions;
  readonly clock?: () => number;
}

/** The scheduled handler: each invocation (EventBridge, once a minute) runs its cycles over the active events. */
export function createCounterAdvancer(options: CounterAdvancerOptions): () => Promise<void> {
  return () =>
    runCycles(options.cycles, async () => {
      await advanceAll(options.stores, options.logger, options.clock);
    });
}

let fromEnv: (() => Promise<void>) | undefined;

/** Lambda entry point; deps are built from the environment on the first invocation. */
export const handler = async (): Promise<void> => {
  if (!fromEnv) {
    const config = loadCounterAdvancerConfig();
    const dynamo = createDynamoClient(dynamoOptionsOf(config));
    const tables = tablesOf(config);
    fromEnv = createCounterAdvancer({
      stores: { counters: new CountersStore(dynamo, tables), positions: new PositionsStore(dynamo, tables) },
      logger: createLogger({ service: 'counter-advancer', level: config.LOG_LEVEL }),
      cycles: {
        cycles: config.ADVANCER_CYCLES,
        cycleMs: config.ADVANCER_CYCLE_SECONDS * 1000,
        sleep: realSleep,
      },
    });
  }
  await fromEnv();
};
