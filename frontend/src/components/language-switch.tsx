'use client';

import { useRouter } from 'next/navigation';
import { type Locale, localeCookie, locales } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';

const names: Readonly<Record<Locale, string>> = { ko: '한국어', en: 'English' };
const oneYearSeconds = 365 * 24 * 60 * 60;

/** 한국어 | English: remembers the choice in a cookie and renders the page again in that language. */
export function LanguageSwitch() {
  const locale = useLocale();
  const router = useRouter();
  const choose = (next: Locale) => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie the server reads; nothing secret
    document.cookie = `${localeCookie}=${next}; path=/; max-age=${oneYearSeconds}; samesite=lax`;
    router.refresh();
  };
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">
        Language / <span lang="ko">언어</span>
      </legend>
      {locales.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="link-button"
          aria-pressed={option === locale}
          data-testid={`language-${option}`}
          onClick={() => choose(option)}
        >
          {names[option]}
        </button>
      ))}
    </fieldset>
  );
}
