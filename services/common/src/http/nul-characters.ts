import type { FieldError } from '../errors/http-problem.js';

export const nulCharacterMessage = 'must not contain the NUL character (U+0000)';

/**
 * The fields of validated request data whose text (a value or a key) holds U+0000, which no PostgreSQL
 * `text` column can store: the validation hook answers them with a 400 instead of the database's error.
 */
export function nulCharacterErrors(value: unknown, path: readonly string[] = []): FieldError[] {
  if (typeof value === 'string')
    return value.includes('\u0000') ? [{ path: path.join('.'), message: nulCharacterMessage }] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => nulCharacterErrors(item, [...path, String(index)]));
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...nulCharacterErrors(key, path),
    ...nulCharacterErrors(item, [...path, key]),
  ]);
}
