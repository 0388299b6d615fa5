import { parseArgs } from 'node:util';
import {
  type BookingShape,
  bookingFloor,
  countedReserveAndCancel,
  countedShape,
  shapeUnits,
  shareThatFits,
} from './floor.js';
import { localStackUnitCostOptions, measureUnitCosts } from './unit-costs.js';

/**
 * `npm run bench:floor`: the least CPU a booking, and a seat hold with its cancel, can cost on this machine
 * given the round trips they make, each priced at what it costs with no application code around it, next
 * to the goals of 25 ms per booking and a 50 ms p99 hold at 32 fans (docs/adr/0068). Needs the local stack
 * (`npm start`); the last line is one JSON object.
 */
const usage = `npm run bench:floor -- [--operations N] [--concurrency N] [--budget-ms MS]
                        [--served N] [--sent N] [--statements N] [--kafka-messages N]
                        [--kafka-deliveries N] [--redis-round-trips N]   (a booking's counts; defaults: ADR 0068)`;

const flagOf: Record<keyof BookingShape, string> = {
  servedRequests: 'served',
  sentRequests: 'sent',
  statements: 'statements',
  kafkaMessages: 'kafka-messages',
  kafkaDeliveries: 'kafka-deliveries',
  redisRoundTrips: 'redis-round-trips',
};

const { values } = parseArgs({
  options: {
    operations: { type: 'string' },
    concurrency: { type: 'string' },
    'budget-ms': { type: 'string' },
    ...Object.fromEntries(Object.values(flagOf).map((flag) => [flag, { type: 'string' as const }])),
  },
  strict: true,
});

function numberFlag(name: string, fallback: number, min: number, max: number): number {
  const raw = values[name as keyof typeof values];
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max)
    throw new Error(`--${name} takes a number from ${min} to ${max}, not "${raw}"\n${usage}`);
  return parsed;
}

const operations = numberFlag('operations', 4000, 200, 100_000);
const concurrency = numberFlag('concurrency', 8, 1, 64);
const budgetMs = numberFlag('budget-ms', 25, 1, 10_000);
const shape = Object.fromEntries(
  shapeUnits.map((unit) => [unit, numberFlag(flagOf[unit], countedShape[unit], 0, 100_000)]),
) as unknown as BookingShape;

const log = (line: string) => console.error(`[floor] ${line}`);
log(`pricing each unit of work: ${operations} operations, ${concurrency} at a time`);
const costs = await measureUnitCosts(localStackUnitCostOptions({ operations, concurrency, progress: log }));

const booking = bookingFloor(shape, costs);
const hold = bookingFloor(countedReserveAndCancel, costs);
// A closed loop of 32 fans with a p99 of 50 ms has a mean under 50 ms, so it completes at least
// 32 / 0.05 = 640 holds a second (Little's law), and two cores give each hold and its cancel at most this.
const holdBudgetMs = (2 * 1000) / (32 / 0.05);

const pad = (text: string, width: number) => text.padStart(width);
console.log('unit              per booking   µs each   floor ms');
for (const unit of shapeUnits)
  console.log(
    `${unit.padEnd(17)}${pad(String(shape[unit]), 12)}${pad((costs[unit] * 1000).toFixed(1), 10)}${pad(booking.byUnit[unit].toFixed(2), 11)}`,
  );
console.log(
  `a booking: at least ${booking.totalMs} ms of CPU with no code of ours at all; the goal is ${budgetMs} ms` +
    (booking.totalMs > budgetMs
      ? `, so only ${Math.round(shareThatFits(booking, budgetMs) * 100)} % of its round trips would fit`
      : ''),
);
console.log(
  `a hold and its cancel: at least ${hold.totalMs} ms; a 50 ms p99 at 32 fans on 2 cores allows ${holdBudgetMs.toFixed(2)} ms`,
);
console.log(
  JSON.stringify({
    unitCostsMs: Object.fromEntries(
      shapeUnits.map((unit) => [unit, Math.round(costs[unit] * 10_000) / 10_000]),
    ),
    booking: { shape, floorMs: booking.totalMs, byUnit: booking.byUnit, budgetMs },
    holdAndCancel: { shape: countedReserveAndCancel, floorMs: hold.totalMs, budgetMs: holdBudgetMs },
  }),
);
process.exit(0);
