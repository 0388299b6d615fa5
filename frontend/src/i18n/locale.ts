/** The app's languages: Korean first, English for visitors; see docs/adr/0047-two-languages.md. */
export const locales = ['ko', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ko';

/** The fan's choice, set by the language switch; it wins over the browser's Accept-Language. */
export const localeCookie = 'urr-locale';

/** The BCP 47 tag Intl formats numbers, money and dates with. */
export const intlTags: Readonly<Record<Locale, string>> = { ko: 'ko-KR', en: 'en-US' };

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

/** The languages of an Accept-Language header, most wanted first (q=0 dropped, order kept on ties). */
function wantedLanguages(acceptLanguage: string): string[] {
  return acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params
        .map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1])
        .find((value) => value !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The page's language: the fan's cookie if valid, else the browser's first supported language, else Korean. */
export function negotiateLocale(
  cookie: string | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of wantedLanguages(acceptLanguage ?? '')) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

/** A component's words in both languages; English must have exactly the Korean's shape. */
export function bilingual<T>(texts: {
  readonly ko: T;
  readonly en: NoInfer<T>;
}): Readonly<Record<Locale, T>> {
  return texts;
}
