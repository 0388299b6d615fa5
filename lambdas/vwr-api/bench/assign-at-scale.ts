import { inBatches } from '@urr/common/testing/in-batches';
import { advanceEvent } from '@urr/counter-advancer/advance-event';
import { applyLocalStackEnv } from '@urr/local-stack/stack-env';
import { testWaitingRoom, visitor, writeRoomSettings } from '../src/test-support.js';

/**
 * `npm run bench:vwr-assign`: an opening's burst on the local DynamoDB-compatible server — FANS signed-in
 * fans (10,000 by default) each solve the door's challenge and assign, through 8 Lambda containers at 64
 * at a time; then one advance. Bounded by the fan count; prints progress, and its figures as the last line
 * (one JSON object). The test suite runs the same path with 1,000 fans for correctness, not speed.
 */
applyLocalStackEnv();
const fans = Number(process.env.FANS ?? 10_000);
const containers = 8;
const concurrency = 64;

const room = await testWaitingRoom();
const eventId = `bench-${Date.now()}`;
await writeRoomSettings(room.dynamo, room.tables, eventId, {
  active: true,
  admitStep: 500,
  positionShards: 10,
});
const lambdas = Array.from({ length: containers }, () => room.container());
let done = 0;
const progress = setInterval(
  () => process.stderr.write(`\r[bench:vwr-assign] ${done}/${fans} assigned`),
  1000,
);
const started = performance.now();
const answers = await inBatches(fans, concurrency, async (index) => {
  const answer = await visitor(lambdas[index % containers]!, eventId).assign();
  done += 1;
  return answer;
});
const seconds = (performance.now() - started) / 1000;
clearInterval(progress);
process.stderr.write('\n');
const positions = new Set(answers.map(({ body }) => body.position));
const advance = await advanceEvent(room.stores, eventId, Date.now());
const figures = {
  fans,
  seconds: Number(seconds.toFixed(1)),
  assignsPerSecond: Math.round(fans / seconds),
  uniquePositions: positions.size,
  refused: answers.filter(({ result }) => result.statusCode !== 200).length,
  servingCounterAfterOneAdvance: advance.action === 'advanced' ? advance.servingCounter : null,
};
room.dynamo.destroy();
await room.issuer.close();
console.log(JSON.stringify(figures));
