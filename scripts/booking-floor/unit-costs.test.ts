import { describe, expect, it } from 'vitest';
import { shapeUnits } from './floor.js';
import { localStackUnitCostOptions, measureUnitCosts } from './unit-costs.js';

describe('unit costs on the local stack', () => {
  it('prices every unit from real round trips: a positive, finite CPU time each', async () => {
    const progress: string[] = [];
    const costs = await measureUnitCosts(
      localStackUnitCostOptions({ operations: 400, concurrency: 4, progress: (line) => progress.push(line) }),
    );
    for (const unit of shapeUnits) {
      expect(Number.isFinite(costs[unit]), unit).toBe(true);
      expect(costs[unit], unit).toBeGreaterThan(0);
    }
    expect(progress).toHaveLength(4);
  });
});
