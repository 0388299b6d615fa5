'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import type { PresaleSchedule as Schedule } from '@/lib/api/fan-types';
import { formatDateTime } from '@/lib/format';
import { hasPresale, presaleRows, tierLabelsIn } from '@/lib/presale';
import styles from './fan-pages.module.css';
import { loginPath, useSession } from './session';

const text = bilingual({
  ko: {
    title: '팬클럽 선예매',
    tier: '등급',
    opensAt: '예매 시작',
    mine: '내 차례',
    open: '예매 가능',
    signIn: '로그인하면 내 등급의 예매 시작 시각을 볼 수 있습니다.',
    join: '팬클럽 가입하기',
  },
  en: {
    title: 'Fan-club presale',
    tier: 'Tier',
    opensAt: 'Sale opens',
    mine: 'My turn',
    open: 'On sale',
    signIn: 'Sign in to see when your tier may buy.',
    join: 'Join the fan club',
  },
});

/**
 * When each fan-club tier may buy this event's tickets, with the fan's own row marked
 * (`GET /api/v1/memberships/events/{eventId}/schedule`, signed in only). Nothing when the sale has no presale.
 */
export function PresaleSchedule({ eventId, artistId }: { eventId: string; artistId: string }) {
  const { account } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const [schedule, setSchedule] = useState<Schedule | undefined>();

  useEffect(() => {
    if (!account) return;
    let live = true;
    api.memberships
      .presaleSchedule(eventId)
      .then((loaded) => {
        if (live) setSchedule(loaded);
      })
      // The schedule is extra: the event page stands without it.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [account, eventId]);

  if (account === null)
    return (
      <p className="muted small">
        <Link href={loginPath(`/events/${eventId}`)}>{t.signIn}</Link>
      </p>
    );
  if (!schedule || !hasPresale(schedule)) return null;
  const rows = presaleRows(schedule, Date.now());

  return (
    <section aria-labelledby="presale-heading" className={styles.presale} data-testid="presale-schedule">
      <h2 id="presale-heading">{t.title}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t.tier}</th>
            <th scope="col">{t.opensAt}</th>
            <th scope="col">
              <span className="visually-hidden">{t.mine}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.tier}
              className={row.mine ? styles.mine : undefined}
              aria-current={row.mine || undefined}
            >
              <th scope="row">{tierLabelsIn(locale)[row.tier]}</th>
              <td>{formatDateTime(row.opensAt, locale)}</td>
              <td>
                {row.mine ? <strong>{t.mine}</strong> : null}
                {row.open ? <span className="muted small"> {t.open}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {schedule.myTier === null ? (
        <p className="small">
          <Link href={`/artists/${artistId}`}>{t.join}</Link>
        </p>
      ) : null}
    </section>
  );
}
