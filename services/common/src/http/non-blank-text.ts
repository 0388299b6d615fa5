import { z } from '@hono/zod-openapi';

/**
 * What `nonBlankText` takes, as a JSON Schema `pattern`: a character that String.prototype.trim keeps
 * (the whitespace of ECMAScript's `\s` and of Python's, and U+FEFF, which only ECMAScript's trim removes).
 */
export const nonBlankPattern = '[^\\s\\uFEFF]';

/**
 * Text a person writes: surrounding blanks trimmed, then 1 to `max` characters. The document says "not
 * blank" with `pattern`, so a client (or a fuzzer) reading it knows "   " is refused.
 */
export function nonBlankText(max: number, options: { readonly error?: string } = {}) {
  return z
    .string()
    .trim()
    .min(1, { error: options.error ?? 'must not be blank' })
    .max(max)
    .openapi({ pattern: nonBlankPattern });
}
