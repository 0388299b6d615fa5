import { z } from '@urr/common';

const windows = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24, all: undefined } as const;

export const popularQuery = z.object({
  window: z
    .enum(['24h', '7d', '30d', 'all'])
    .default('all')
    .openapi({ description: 'count tickets sold over the last 24 hours, 7 or 30 days, or all time' }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export function windowHours(window: z.infer<typeof popularQuery>['window']): number | undefined {
  return windows[window];
}
