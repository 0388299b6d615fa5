'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { bilingual, type Locale } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { changedFields, localInputOf, sellThrough } from '@/lib/admin-forms';
import type { AdminEventDetail, AdminEventStatus, EventStatsDetail } from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import { ApiProblem, type Problem } from '@/lib/api/problem';
import type { Artist, Venue } from '@/lib/api/types';
import { instantOf } from '@/lib/event-setup';
import { eventStatusLabelsIn, formatCount, formatMoney } from '@/lib/format';
import { describeOrganiserError } from '@/lib/organiser-problem';
import { AdminNav } from './admin-nav';
import { EventPerformances } from './event-performances';
import { GradeSales } from './grade-sales';
import styles from './organiser.module.css';
import { ProblemNotice } from './problem-notice';
import { SaleOpening } from './sale-opening';

const text = bilingual({
  ko: {
    loading: '공연 정보를 불러오는 중…',
    seatMap: '좌석 배치도',
    report: '판매 리포트',
    publicPage: '공연 페이지',
    statusTitle: '판매 상태',
    statusNow: (label: string) => `지금: ${label}`,
    statusHelp:
      '판매 예정과 예매 중 상태에서는 예매 일정(선예매·일반 예매 오픈, 마감)에 따라 예매할 수 있습니다. 비공개와 판매 종료에서는 아무도 예매할 수 없습니다.',
    setStatus: (label: string) => `${label}(으)로 변경`,
    open: '판매 열기 (예매 중)',
    stop: '판매 멈추기 (판매 종료)',
    statusSaved: (label: string) => `상태를 ${label}(으)로 바꿨습니다.`,
    salesTitle: '판매',
    seatsSold: '판매된 좌석·티켓',
    seatsHeld: '결제 대기',
    capacity: '전체 좌석·티켓',
    sellThrough: '판매율',
    gross: '결제액',
    refunded: '환불액',
    net: '순매출',
    noStats: '아직 집계된 판매가 없습니다.',
    salesNote:
      '판매 수·판매율은 예매 서비스의 현재 값, 금액은 통계 서비스의 집계(결제액 − 환불액 = 순매출)로, 판매 현황 화면과 같은 기준입니다.',
    detailsTitle: '공연 정보',
    titleField: '제목',
    category: '장르',
    description: '소개',
    artist: '아티스트',
    venue: '공연장',
    presaleOpensAt: '선예매 오픈 (팬클럽, 선택)',
    salesOpenAt: '일반 예매 오픈',
    salesCloseAt: '예매 마감',
    maxTickets: '1회 최대 매수',
    maxHeld: '계정당 결제 대기 최대 매수',
    save: '저장하기',
    saving: '저장 중…',
    saved: '공연 정보를 저장했습니다.',
    unchanged: '바뀐 내용이 없습니다.',
    datesMissing: '예매 오픈과 마감 일시를 입력해 주세요.',
  },
  en: {
    loading: 'Loading the event…',
    seatMap: 'Seat map',
    report: 'Sales report',
    publicPage: 'Event page',
    statusTitle: 'Sale status',
    statusNow: (label: string) => `Now: ${label}`,
    statusHelp:
      'While coming soon or on sale, fans can book according to the sale dates (presale and general sale openings, close). While private or sales ended, nobody can book.',
    setStatus: (label: string) => `Change to ${label}`,
    open: 'Open the sale (On sale)',
    stop: 'Stop the sale (Sales ended)',
    statusSaved: (label: string) => `Status changed to ${label}.`,
    salesTitle: 'Sales',
    seatsSold: 'Seats and tickets sold',
    seatsHeld: 'Awaiting payment',
    capacity: 'All seats and tickets',
    sellThrough: 'Sell-through',
    gross: 'Gross',
    refunded: 'Refunded',
    net: 'Net sales',
    noStats: 'No sales counted yet.',
    salesNote:
      "Sold and sell-through are the booking service's current figures; money is the stats service's count (gross − refunded = net sales), on the same basis as the sales dashboard.",
    detailsTitle: 'Event details',
    titleField: 'Title',
    category: 'Genre',
    description: 'Description',
    artist: 'Artist',
    venue: 'Venue',
    presaleOpensAt: 'Presale opens (fan club, optional)',
    salesOpenAt: 'General sale opens',
    salesCloseAt: 'Sales close',
    maxTickets: 'Most tickets per booking',
    maxHeld: 'Most tickets awaiting payment per account',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Event details saved.',
    unchanged: 'Nothing has changed.',
    datesMissing: 'Fill in when the sale opens and closes.',
  },
});

/** The statuses an organiser moves an event between here; sold-out is set by sales, cancelled on its own. */
const statusChoices: readonly AdminEventStatus[] = ['draft', 'scheduled', 'on-sale', 'closed'];
const labelOf = (status: string, locale: Locale) => eventStatusLabelsIn(locale)[status] ?? status;

/**
 * `/admin/events/{id}`: one event's setup — details, status (open or stop the sale), performances,
 * standing ticket types, its sales, the seat map and the sale report, and the TicketEvent that opens
 * the waiting room.
 */
export function EventAdmin({ eventId }: { eventId: string }) {
  const [detail, setDetail] = useState<AdminEventDetail | undefined>();
  const [stats, setStats] = useState<EventStatsDetail | null | undefined>();
  const [artists, setArtists] = useState<Artist[]>([]);
  const [venues, setVenues] = useState<Venue[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const locale = useLocale();
  const t = text[locale];

  const load = useCallback(async () => {
    const [loaded, figures] = await Promise.all([
      api.organiser.events.detail(eventId),
      // No sale yet: stats-service knows no such event (404), which is no failure here.
      api.organiser.stats.event(eventId).catch((error: unknown) => {
        if (error instanceof ApiProblem && error.status === 404) return null;
        throw error;
      }),
    ]);
    setDetail(loaded);
    setStats(figures);
  }, [eventId]);

  useEffect(() => {
    Promise.all([load(), api.admin.artists(), api.admin.venues()])
      .then(([, artistPage, venuePage]) => {
        setArtists(artistPage.items);
        setVenues(venuePage.items);
      })
      .catch((error: unknown) => setProblem(describeOrganiserError(error, locale)));
  }, [load, locale]);

  const changed = async (message: string) => {
    setProblem(undefined);
    setNotice(message);
    await load();
  };
  const failed = (error: unknown) => {
    setNotice(undefined);
    setProblem(describeOrganiserError(error, locale));
  };

  const setStatus = async (status: AdminEventStatus) => {
    try {
      await api.organiser.events.update(eventId, { status });
      await changed(t.statusSaved(labelOf(status, locale)));
    } catch (error) {
      failed(error);
    }
  };

  if (!detail)
    return (
      <section className="admin">
        <AdminNav />
        {problem ? <ProblemNotice problem={problem} /> : <p className="loading">{t.loading}</p>}
      </section>
    );

  const { event, sales } = detail;
  return (
    <section className="admin">
      <AdminNav />
      <h1 lang={writtenIn(event.title)}>{event.title}</h1>
      <ul className={styles.nav}>
        {event.kind === 'seated' ? (
          <li>
            <Link href={`/admin/events/${eventId}/seat-map`}>{t.seatMap}</Link>
          </li>
        ) : null}
        <li>
          <Link href={`/admin/events/${eventId}/report`}>{t.report}</Link>
        </li>
        {event.status !== 'draft' ? (
          <li>
            <Link href={`/events/${eventId}`}>{t.publicPage}</Link>
          </li>
        ) : null}
      </ul>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}

      <section className={styles.card} aria-labelledby="status-title">
        <h2 id="status-title">{t.statusTitle}</h2>
        <p data-testid="event-status">
          <strong>{t.statusNow(labelOf(event.status, locale))}</strong>
        </p>
        <p className="muted small">{t.statusHelp}</p>
        <div className={styles.buttons}>
          {event.status !== 'on-sale' ? (
            <button type="button" className="button" onClick={() => void setStatus('on-sale')}>
              {t.open}
            </button>
          ) : (
            <button type="button" className="button danger" onClick={() => void setStatus('closed')}>
              {t.stop}
            </button>
          )}
          {statusChoices
            .filter((status) => status !== event.status && status !== 'on-sale' && status !== 'closed')
            .map((status) => (
              <button
                key={status}
                type="button"
                className="button secondary"
                onClick={() => void setStatus(status)}
              >
                {t.setStatus(labelOf(status, locale))}
              </button>
            ))}
        </div>
      </section>

      <section className={styles.card} aria-labelledby="sales-title">
        <h2 id="sales-title">{t.salesTitle}</h2>
        <div className="stat-cards">
          <Figure label={t.seatsSold} value={formatCount(sales.seatsSold, locale)} />
          <Figure label={t.capacity} value={formatCount(sales.seatsTotal, locale)} />
          <Figure label={t.sellThrough} value={sellThrough(sales.seatsSold, sales.seatsTotal)} />
          <Figure label={t.seatsHeld} value={formatCount(sales.seatsHeld, locale)} />
          {stats ? (
            <>
              <Figure
                label={t.gross}
                value={formatMoney(stats.revenue.gross, stats.currency ?? event.currency, locale)}
              />
              <Figure
                label={t.refunded}
                value={formatMoney(stats.revenue.refunded, stats.currency ?? event.currency, locale)}
              />
              <Figure
                label={t.net}
                value={formatMoney(stats.revenue.net, stats.currency ?? event.currency, locale)}
              />
            </>
          ) : null}
        </div>
        {stats === null ? <p className="muted">{t.noStats}</p> : null}
        <p className="muted small">{t.salesNote}</p>
        <GradeSales detail={detail} />
      </section>

      <EventDetailsForm
        key={event.version}
        detail={detail}
        artists={artists}
        venues={venues}
        onSaved={changed}
        onError={failed}
      />
      <EventPerformances detail={detail} onChanged={changed} onError={failed} />
      <SaleOpening event={event} />
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat-card">
      <span>{label}</span>
      <strong>{value}</strong>
    </div>
  );
}

function EventDetailsForm({
  detail,
  artists,
  venues,
  onSaved,
  onError,
}: {
  detail: AdminEventDetail;
  artists: readonly Artist[];
  venues: readonly Venue[];
  onSaved: (message: string) => Promise<void>;
  onError: (error: unknown) => void;
}) {
  const { event } = detail;
  const [form, setForm] = useState({
    title: event.title,
    category: event.category,
    description: event.description,
    artistId: event.artistId,
    venueId: event.venueId,
    presaleOpensAt: localInputOf(event.presaleOpensAt),
    salesOpenAt: localInputOf(event.salesOpenAt),
    salesCloseAt: localInputOf(event.salesCloseAt),
    maxTicketsPerReservation: String(event.maxTicketsPerReservation),
    maxHeldTicketsPerAccount: String(event.maxHeldTicketsPerAccount),
  });
  const [busy, setBusy] = useState(false);
  const [hint, setHint] = useState<string | undefined>();
  const t = text[useLocale()];

  const submit = async (submitted: React.FormEvent) => {
    submitted.preventDefault();
    const open = instantOf(form.salesOpenAt);
    const close = instantOf(form.salesCloseAt);
    if (!open || !close) {
      setHint(t.datesMissing);
      return;
    }
    const edited = {
      title: form.title.trim(),
      category: form.category.trim(),
      description: form.description,
      artistId: form.artistId,
      venueId: form.venueId,
      presaleOpensAt: instantOf(form.presaleOpensAt) ?? null,
      salesOpenAt: open,
      salesCloseAt: close,
      maxTicketsPerReservation: Number(form.maxTicketsPerReservation),
      maxHeldTicketsPerAccount: Number(form.maxHeldTicketsPerAccount),
    };
    const original = {
      title: event.title,
      category: event.category,
      description: event.description,
      artistId: event.artistId,
      venueId: event.venueId,
      presaleOpensAt: event.presaleOpensAt ? new Date(event.presaleOpensAt).toISOString() : null,
      salesOpenAt: new Date(event.salesOpenAt).toISOString(),
      salesCloseAt: new Date(event.salesCloseAt).toISOString(),
      maxTicketsPerReservation: event.maxTicketsPerReservation,
      maxHeldTicketsPerAccount: event.maxHeldTicketsPerAccount,
    };
    const change = changedFields(original, edited);
    if (!change) {
      setHint(t.unchanged);
      return;
    }
    setHint(undefined);
    setBusy(true);
    try {
      await api.organiser.events.update(event.id, change);
      await onSaved(t.saved);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const input = (
    name: keyof typeof form,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <label className="field">
      <span>{label}</span>
      <input
        {...props}
        value={form[name]}
        onChange={(change) => setForm({ ...form, [name]: change.target.value })}
      />
    </label>
  );

  return (
    <form className={styles.card} onSubmit={submit} aria-labelledby="details-title">
      <h2 id="details-title">{t.detailsTitle}</h2>
      {input('title', t.titleField, { required: true, maxLength: 300 })}
      <div className={styles.row}>
        {input('category', t.category, { required: true, maxLength: 50 })}
        {input('maxTicketsPerReservation', t.maxTickets, { type: 'number', min: 1, max: 10 })}
        {input('maxHeldTicketsPerAccount', t.maxHeld, { type: 'number', min: 1, max: 100 })}
      </div>
      <label className="field">
        <span>{t.description}</span>
        <textarea
          rows={3}
          value={form.description}
          onChange={(change) => setForm({ ...form, description: change.target.value })}
        />
      </label>
      <div className={styles.row}>
        <label className="field">
          <span>{t.artist}</span>
          <select
            value={form.artistId}
            onChange={(change) => setForm({ ...form, artistId: change.target.value })}
          >
            {artists.some((artist) => artist.id === form.artistId) ? null : (
              <option value={form.artistId}>{form.artistId}</option>
            )}
            {artists.map((artist) => (
              <option key={artist.id} value={artist.id} lang={writtenIn(artist.name)}>
                {artist.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.venue}</span>
          <select
            value={form.venueId}
            onChange={(change) => setForm({ ...form, venueId: change.target.value })}
          >
            {venues.some((venue) => venue.id === form.venueId) ? null : (
              <option value={form.venueId}>{form.venueId}</option>
            )}
            {venues.map((venue) => (
              <option key={venue.id} value={venue.id} lang={writtenIn(venue.name)}>
                {venue.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={styles.row}>
        {input('presaleOpensAt', t.presaleOpensAt, { type: 'datetime-local' })}
        {input('salesOpenAt', t.salesOpenAt, { type: 'datetime-local', required: true })}
        {input('salesCloseAt', t.salesCloseAt, { type: 'datetime-local', required: true })}
      </div>
      {hint ? (
        <p className="muted" role="status">
          {hint}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t.saving : t.save}
      </button>
    </form>
  );
}
