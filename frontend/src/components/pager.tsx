'use client';

import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';

const text = bilingual({
  ko: { pages: '페이지', previous: '이전', next: '다음' },
  en: { pages: 'Pages', previous: 'Previous', next: 'Next' },
});

/** Previous / next for a paged list the page loads itself; nothing when there is one page. */
export function Pager({
  page,
  totalPages,
  onPage,
}: {
  page: number;
  totalPages: number;
  onPage: (page: number) => void;
}) {
  const t = text[useLocale()];
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t.pages}>
      <button type="button" className="link-button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t.previous}
      </button>
      <span>
        {page} / {totalPages}
      </span>
      <button
        type="button"
        className="link-button"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        {t.next}
      </button>
    </nav>
  );
}
