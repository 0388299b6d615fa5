import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { describe, expect, it } from 'vitest';
import { shapeUnits } from './floor.js';
import { measureUnitCosts } from './unit-costs.js';

const pidOf = (name: string) =>
  Number(readFileSync(join(process.env.URR_STATE_DIR ?? '/tmp/urr-stack', 'pids', `${name}.pid`), 'utf8'));

describe('unit costs on the local stack', () => {
  it('prices every unit from real round trips: a positive, finite CPU time each', async () => {
    const endpoints = localStackEndpoints();
    const progress: string[] = [];
    const costs = await measureUnitCosts({
      repoDir: resolve(import.meta.dirname, '../..'),
      postgresUrl: endpoints.postgresUrl('ticket_db'),
      redisUrl: endpoints.redisUrl,
      kafkaBrokers: endpoints.kafkaBrokers,
      kafkaPid: pidOf('kafka'),
      redisPid: pidOf('redis'),
      operations: 400,
      concurrency: 4,
      progress: (line) => progress.push(line),
    });
    for (const unit of shapeUnits) {
      expect(Number.isFinite(costs[unit]), unit).toBe(true);
      expect(costs[unit], unit).toBeGreaterThan(0);
    }
    expect(progress).toHaveLength(4);
  });
});
