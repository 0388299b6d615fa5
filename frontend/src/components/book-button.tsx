'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import type { EventStatus } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { loginPath, useSession } from './session';
import { VwrModal } from './vwr-modal';

const text = bilingual({
  ko: {
    closed: { 'sold-out': '매진', closed: '판매 종료', cancelled: '공연 취소' } as Partial<
      Record<EventStatus, string>
    >,
    book: '예매하기',
    presaleOnly: (opensAt: string) =>
      `일반 예매는 ${opensAt}에 열립니다. 그 전에는 팬클럽 선예매 회원만 예매할 수 있습니다.`,
  },
  en: {
    closed: { 'sold-out': 'Sold out', closed: 'Sales ended', cancelled: 'Show cancelled' },
    book: 'Book tickets',
    presaleOnly: (opensAt: string) =>
      `General sale opens ${opensAt}. Until then only fan-club presale members can book.`,
  },
});

/** "예매하기": signs the fan in if needed, then opens the Tier-1 waiting room over the event page. */
export function BookButton({
  eventId,
  eventTitle,
  status,
  salesOpenAt,
}: {
  eventId: string;
  eventTitle: string;
  status: EventStatus;
  salesOpenAt: string;
}) {
  const router = useRouter();
  const { account, reload } = useSession();
  const [waiting, setWaiting] = useState(false);
  const locale = useLocale();
  const t = text[locale];

  const closed = t.closed[status];
  if (closed)
    return (
      <button type="button" className="button book-button" disabled>
        {closed}
      </button>
    );

  const start = async () => {
    const me = account === undefined ? await reload() : account;
    if (!me) {
      router.push(loginPath(`/events/${eventId}`));
      return;
    }
    setWaiting(true);
  };

  return (
    <>
      <button type="button" className="button book-button" onClick={start} data-testid="book-button">
        {t.book}
      </button>
      {status === 'scheduled' ? (
        <p className="muted">{t.presaleOnly(formatDateTime(salesOpenAt, locale))}</p>
      ) : null}
      {waiting ? (
        <VwrModal
          eventId={eventId}
          eventTitle={eventTitle}
          onAdmitted={() => router.push(`/queue/${eventId}`)}
          onClose={() => setWaiting(false)}
        />
      ) : null}
    </>
  );
}
