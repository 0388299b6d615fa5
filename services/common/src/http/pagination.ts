import { z } from '@hono/zod-openapi';

/**
 * Page-number pagination with a total, the one shape every list route answers with:
 * `?page=2&size=20` → `{ items, page, size, total, totalPages }`. Spread `pageQuery` into a route's
 * query schema; `page` is 1-based.
 */
export const maxPageSize = 100;

export const pageQuery = {
  page: z.coerce
    .number()
    .int()
    .min(1, { error: 'pages start at 1' })
    .max(100_000)
    .default(1)
    .openapi({ example: 1, description: '1-based page number' }),
  size: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxPageSize, { error: `at most ${maxPageSize} items per page` })
    .default(20)
    .openapi({ example: 20, description: `items per page (1–${maxPageSize})` }),
};

export interface PageRequest {
  readonly page: number;
  readonly size: number;
}

export interface Page<Item> {
  readonly items: Item[];
  readonly page: number;
  readonly size: number;
  readonly total: number;
  readonly totalPages: number;
}

/** Rows to skip for `request` (SQL `offset`). */
export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.size;
}

export function pageOf<Item>(items: Item[], request: PageRequest, total: number): Page<Item> {
  return {
    items,
    page: request.page,
    size: request.size,
    total,
    totalPages: Math.ceil(total / request.size),
  };
}

/** The response schema of a page of `item`, registered in OpenAPI as `name`. */
export function pageSchema<Item extends z.ZodType>(item: Item, name: string) {
  return z
    .object({
      items: z.array(item),
      page: z.number().int(),
      size: z.number().int(),
      total: z.number().int().openapi({ description: 'items over all pages' }),
      totalPages: z.number().int(),
    })
    .openapi(name);
}
