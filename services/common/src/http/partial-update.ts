import type { z } from '@hono/zod-openapi';

/**
 * The body of a PATCH: any of `fields`' properties, at least one of them. The document says so too
 * (`anyOf` one required property each), so `{}` and a body of unknown properties are refused as documented.
 */
export function partialUpdate<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>) {
  const names = Object.keys(fields.shape);
  return fields
    .partial()
    .refine((patch) => names.some((name) => (patch as Record<string, unknown>)[name] !== undefined), {
      error: `send at least one of ${names.join(', ')}`,
    })
    .openapi({ anyOf: names.map((name) => ({ required: [name] })) });
}
