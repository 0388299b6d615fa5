'use client';

import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';

const text = bilingual({
  ko: { title: '문제가 생겼습니다', later: '잠시 후 다시 시도해 주세요.', retry: '다시 시도' },
  en: { title: 'Something went wrong', later: 'Please try again in a moment.', retry: 'Try again' },
});

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = text[useLocale()];
  return (
    <section className="panel narrow" role="alert">
      <h1>{t.title}</h1>
      <p>{error.message || t.later}</p>
      <button type="button" className="button" onClick={reset}>
        {t.retry}
      </button>
    </section>
  );
}
