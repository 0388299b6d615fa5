'use client';

import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { authorLabel, wasEdited } from '@/lib/community';
import { formatDateTime } from '@/lib/format';

const text = bilingual({ ko: { edited: '수정됨' }, en: { edited: 'edited' } });

/** Who wrote a post, comment or review, and when. */
export function Byline({
  item,
  viewerId,
}: {
  item: { authorId: string; createdAt: string; updatedAt: string };
  viewerId: string | undefined;
}) {
  const locale = useLocale();
  const t = text[locale];
  return (
    <p className="byline muted small">
      <span data-testid="author">{authorLabel(item.authorId, viewerId, locale)}</span> ·{' '}
      <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, locale)}</time>
      {wasEdited(item) ? ` · ${t.edited}` : null}
    </p>
  );
}
