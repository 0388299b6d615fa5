import type { Locale } from './locale';

const hangul = /[\u3131-\u318e\uac00-\ud7a3]/;

/**
 * The language to mark someone's own words with (a venue's name, a post), so a page in English says which
 * parts are Korean (WCAG 3.1.2, language of parts): Korean when the text has Hangul, else the page's own.
 */
export function writtenIn(text: string | null | undefined): Locale | undefined {
  return text && hangul.test(text) ? 'ko' : undefined;
}
