/** At most this many words of a search are used; more narrow nothing a person would type. */
export const maxSearchWords = 5;

/**
 * `ILIKE` patterns for a free-text search: every word must appear somewhere (in any order), and the
 * LIKE wildcards a user types are matched literally.
 */
export function searchPatterns(query: string): string[] {
  return query
    .trim()
    .split(/\s+/u)
    .filter(Boolean)
    .slice(0, maxSearchWords)
    .map((word) => `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
}
