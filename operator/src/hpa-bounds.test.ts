import { describe, expect, it } from 'vitest';
import { boundsFor, everydayBaseline } from './hpa-bounds.js';
import { parseSpec } from './ticket-event.js';

const sale = { opensAt: '2026-12-10T11:00:00Z', closesAt: '2026-12-20T11:00:00Z' };

describe('boundsFor', () => {
  it('is the everyday baseline while no sale is hot', () => {
    expect(boundsFor([], everydayBaseline)).toEqual(everydayBaseline);
  });

  it('takes the largest bounds of the hot sales of a namespace, never below the baseline', () => {
    const big = parseSpec({ eventId: 'a', sale, scaling: { gateway: { minReplicas: 8, maxReplicas: 30 } } });
    const other = parseSpec({
      eventId: 'b',
      sale,
      scaling: { gateway: { minReplicas: 12, maxReplicas: 20 }, queue: { minReplicas: 1, maxReplicas: 2 } },
    });
    expect(boundsFor([big, other], everydayBaseline)).toEqual({
      gateway: { minReplicas: 12, maxReplicas: 30 },
      queue: { minReplicas: 3, maxReplicas: 8 },
      ticket: { minReplicas: 3, maxReplicas: 10 },
    });
  });
});
