import type { Logger } from '@urr/common/logging/logger';
import { type AdvanceOutcome, type AdvancerStores, advanceEvent } from './advance-event.js';

/** One cycle over every active event; one event's failure is logged and does not hold up the others. */
export async function advanceAll(
  stores: AdvancerStores,
  logger: Logger,
  clock: () => number = Date.now,
): Promise<AdvanceOutcome[]> {
  const eventIds = await stores.counters.activeEventIds();
  const settled = await Promise.allSettled(eventIds.map((eventId) => advanceEvent(stores, eventId, clock())));
  const outcomes: AdvanceOutcome[] = [];
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      outcomes.push(result.value);
      if (result.value.action === 'advanced') logger.info(result.value, 'waiting room advanced');
    } else logger.error({ eventId: eventIds[index], err: result.reason }, 'waiting room advance failed');
  });
  return outcomes;
}
