'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { Problem } from '@/lib/api/problem';
import type { AdminEvent, Artist, EventKind, Venue } from '@/lib/api/types';
import { instantOf, parseSeatMap, parseTicketTypes } from '@/lib/event-setup';
import { describeOrganiserError } from '@/lib/organiser-problem';
import { ProblemNotice } from './problem-notice';

const newOption = '__new__';
type Publish = 'draft' | 'scheduled' | 'on-sale';

const defaultGrades = 'VIP 198000\nR 165000\nS 132000';
const defaultSections = 'Floor, 10, 20, VIP\nLower, 10, 20, R\nUpper, 10, 20, S';

const text = bilingual({
  ko: {
    defaultTicketTypes: '스탠딩 A, 88000, 500, 4\n스탠딩 B, 77000, 500, 4',
    checkInput: '입력값을 확인해 주세요',
    datesMissing: '날짜를 모두 입력해 주세요.',
    created: '공연을 등록했습니다',
    catalogueDelay: '공개 목록에는 카탈로그가 변경을 받는 대로 (보통 몇 초 안에) 나타납니다.',
    eventPage: '공연 페이지',
    manage: '공연 관리 · 판매 열기',
    seatMapPreview: '좌석 배치도 미리보기',
    dashboard: '판매 현황',
    heading: '공연 등록',
    title: '제목',
    category: '장르',
    kind: '좌석 형태',
    seated: '지정석',
    standing: '스탠딩',
    maxTickets: '1회 최대 매수',
    description: '소개',
    artist: '아티스트',
    newArtist: '+ 새 아티스트',
    newArtistName: '새 아티스트 이름',
    venue: '공연장',
    newVenue: '+ 새 공연장',
    newVenueName: '새 공연장 이름',
    city: '도시',
    startsAt: '공연 일시',
    salesOpenAt: '예매 오픈',
    salesCloseAt: '예매 마감',
    grades: '등급 (한 줄에 "등급명 가격")',
    sections: '구역 (한 줄에 "구역명, 열 수, 열당 좌석 수, 등급")',
    ticketTypes: '티켓 종류 (한 줄에 "이름, 가격, 수량, 1인 한도")',
    status: '공개 상태',
    draft: '비공개 (초안)',
    scheduled: '판매 예정',
    onSale: '예매 중',
    submitting: '등록 중…',
    submit: '등록하기',
  },
  en: {
    defaultTicketTypes: 'Standing A, 88000, 500, 4\nStanding B, 77000, 500, 4',
    checkInput: 'Please check what you entered',
    datesMissing: 'Fill in all the dates.',
    created: 'Event created',
    catalogueDelay:
      'It appears in the public listings as soon as the catalogue picks up the change (usually within seconds).',
    eventPage: 'Event page',
    manage: 'Manage event · open the sale',
    seatMapPreview: 'Preview the seat map',
    dashboard: 'Sales',
    heading: 'New event',
    title: 'Title',
    category: 'Genre',
    kind: 'Seating',
    seated: 'Reserved seating',
    standing: 'Standing',
    maxTickets: 'Most tickets per booking',
    description: 'Description',
    artist: 'Artist',
    newArtist: '+ New artist',
    newArtistName: "New artist's name",
    venue: 'Venue',
    newVenue: '+ New venue',
    newVenueName: "New venue's name",
    city: 'City',
    startsAt: 'Performance date and time',
    salesOpenAt: 'Sale opens',
    salesCloseAt: 'Sales close',
    grades: 'Grades (one per line: "name price")',
    sections: 'Sections (one per line: "name, rows, seats per row, grade")',
    ticketTypes: 'Ticket types (one per line: "name, price, quantity, limit per person")',
    status: 'Visibility',
    draft: 'Private (draft)',
    scheduled: 'Coming soon',
    onSale: 'On sale',
    submitting: 'Creating…',
    submit: 'Create event',
  },
});

/** Local `datetime-local` text for a moment `days` from now. */
const localInput = (days: number) => {
  const date = new Date(Date.now() + days * 86_400_000);
  date.setSeconds(0, 0);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * Creates a sale with the ticket admin API: artist and venue (picked or new), the event with one performance
 * as a draft, its seat map or standing tickets, then the chosen status (so it is never on sale half made).
 */
export function NewEventForm() {
  const [venues, setVenues] = useState<Venue[]>([]);
  const [artists, setArtists] = useState<Artist[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [created, setCreated] = useState<AdminEvent | undefined>();
  const [busy, setBusy] = useState(false);
  const locale = useLocale();
  const t = text[locale];

  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('concert');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<EventKind>('seated');
  const [artistId, setArtistId] = useState(newOption);
  const [artistName, setArtistName] = useState('');
  const [venueId, setVenueId] = useState(newOption);
  const [venueName, setVenueName] = useState('');
  const [venueCity, setVenueCity] = useState('Seoul');
  const [startsAt, setStartsAt] = useState(() => localInput(30));
  const [salesOpenAt, setSalesOpenAt] = useState(() => localInput(0));
  const [salesCloseAt, setSalesCloseAt] = useState(() => localInput(29));
  const [maxTickets, setMaxTickets] = useState(4);
  const [status, setStatus] = useState<Publish>('draft');
  const [grades, setGrades] = useState(defaultGrades);
  const [sections, setSections] = useState(defaultSections);
  const [ticketTypes, setTicketTypes] = useState(t.defaultTicketTypes);

  useEffect(() => {
    Promise.all([api.admin.venues(), api.admin.artists()])
      .then(([venuePage, artistPage]) => {
        setVenues(venuePage.items);
        setArtists(artistPage.items);
        if (venuePage.items[0]) setVenueId(venuePage.items[0].id);
        if (artistPage.items[0]) setArtistId(artistPage.items[0].id);
      })
      .catch((error: unknown) => setProblem(describeOrganiserError(error, locale)));
  }, [locale]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const layout = kind === 'seated' ? parseSeatMap(grades, sections, locale) : undefined;
    const standing = kind === 'standing' ? parseTicketTypes(ticketTypes, locale) : undefined;
    const invalid = (layout && !layout.ok && layout.error) || (standing && !standing.ok && standing.error);
    const times = {
      startsAt: instantOf(startsAt),
      open: instantOf(salesOpenAt),
      close: instantOf(salesCloseAt),
    };
    if (invalid || !times.startsAt || !times.open || !times.close) {
      setProblem({
        title: t.checkInput,
        status: 400,
        detail: invalid || t.datesMissing,
      });
      return;
    }
    setBusy(true);
    try {
      const artist =
        artistId === newOption ? (await api.admin.createArtist({ name: artistName.trim() })).id : artistId;
      const venue =
        venueId === newOption
          ? (await api.admin.createVenue({ name: venueName.trim(), city: venueCity.trim() })).id
          : venueId;
      const made = await api.admin.createEvent({
        title,
        description,
        category,
        kind,
        status: 'draft',
        artistId: artist,
        venueId: venue,
        salesOpenAt: times.open,
        salesCloseAt: times.close,
        maxTicketsPerReservation: maxTickets,
        performances: [{ startsAt: times.startsAt }],
      });
      if (layout?.ok) await api.admin.setSeatMap(made.id, layout.value);
      if (standing?.ok) {
        const [performance] = (await api.admin.event(made.id)).performances;
        if (!performance) throw new Error('the new event has no performance');
        for (const type of standing.value)
          await api.admin.addTicketType({ performanceId: performance.id, ...type });
      }
      setCreated(status === 'draft' ? made : await api.admin.publish(made.id, status));
    } catch (error) {
      setProblem(describeOrganiserError(error, locale));
    } finally {
      setBusy(false);
    }
  };

  if (created)
    return (
      <section className="panel narrow">
        <h1 className="success">{t.created}</h1>
        <p>
          {created.title} ({created.status})
        </p>
        <p className="muted">{t.catalogueDelay}</p>
        <div className="actions">
          {created.status !== 'draft' ? (
            <Link href={`/events/${created.id}`} className="button">
              {t.eventPage}
            </Link>
          ) : null}
          <Link href={`/admin/events/${created.id}`} className="button secondary">
            {t.manage}
          </Link>
          {created.kind === 'seated' ? (
            <Link href={`/admin/events/${created.id}/seat-map`} className="button secondary">
              {t.seatMapPreview}
            </Link>
          ) : null}
          <Link href="/admin" className="button secondary">
            {t.dashboard}
          </Link>
        </div>
      </section>
    );

  return (
    <section className="panel">
      <h1>{t.heading}</h1>
      <form className="admin-form" onSubmit={submit}>
        <label className="field">
          <span>{t.title}</span>
          <input
            value={title}
            onChange={(change) => setTitle(change.target.value)}
            required
            maxLength={300}
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t.category}</span>
            <input value={category} onChange={(change) => setCategory(change.target.value)} required />
          </label>
          <label className="field">
            <span>{t.kind}</span>
            <select value={kind} onChange={(change) => setKind(change.target.value as EventKind)}>
              <option value="seated">{t.seated}</option>
              <option value="standing">{t.standing}</option>
            </select>
          </label>
          <label className="field">
            <span>{t.maxTickets}</span>
            <input
              type="number"
              min={1}
              max={10}
              value={maxTickets}
              onChange={(change) => setMaxTickets(Number(change.target.value))}
            />
          </label>
        </div>
        <label className="field">
          <span>{t.description}</span>
          <textarea rows={3} value={description} onChange={(change) => setDescription(change.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t.artist}</span>
            <select value={artistId} onChange={(change) => setArtistId(change.target.value)}>
              {artists.map((artist) => (
                <option key={artist.id} value={artist.id} lang={writtenIn(artist.name)}>
                  {artist.name}
                </option>
              ))}
              <option value={newOption}>{t.newArtist}</option>
            </select>
          </label>
          {artistId === newOption ? (
            <label className="field">
              <span>{t.newArtistName}</span>
              <input value={artistName} onChange={(change) => setArtistName(change.target.value)} required />
            </label>
          ) : null}
        </div>
        <div className="field-row">
          <label className="field">
            <span>{t.venue}</span>
            <select value={venueId} onChange={(change) => setVenueId(change.target.value)}>
              {venues.map((venue) => (
                <option key={venue.id} value={venue.id} lang={writtenIn(`${venue.name} ${venue.city}`)}>
                  {venue.name} ({venue.city})
                </option>
              ))}
              <option value={newOption}>{t.newVenue}</option>
            </select>
          </label>
          {venueId === newOption ? (
            <>
              <label className="field">
                <span>{t.newVenueName}</span>
                <input value={venueName} onChange={(change) => setVenueName(change.target.value)} required />
              </label>
              <label className="field">
                <span>{t.city}</span>
                <input value={venueCity} onChange={(change) => setVenueCity(change.target.value)} />
              </label>
            </>
          ) : null}
        </div>
        <div className="field-row">
          <label className="field">
            <span>{t.startsAt}</span>
            <input
              type="datetime-local"
              value={startsAt}
              onChange={(change) => setStartsAt(change.target.value)}
            />
          </label>
          <label className="field">
            <span>{t.salesOpenAt}</span>
            <input
              type="datetime-local"
              value={salesOpenAt}
              onChange={(change) => setSalesOpenAt(change.target.value)}
            />
          </label>
          <label className="field">
            <span>{t.salesCloseAt}</span>
            <input
              type="datetime-local"
              value={salesCloseAt}
              onChange={(change) => setSalesCloseAt(change.target.value)}
            />
          </label>
        </div>
        {kind === 'seated' ? (
          <div className="field-row">
            <label className="field">
              <span>{t.grades}</span>
              <textarea rows={4} value={grades} onChange={(change) => setGrades(change.target.value)} />
            </label>
            <label className="field">
              <span>{t.sections}</span>
              <textarea rows={4} value={sections} onChange={(change) => setSections(change.target.value)} />
            </label>
          </div>
        ) : (
          <label className="field">
            <span>{t.ticketTypes}</span>
            <textarea
              rows={4}
              value={ticketTypes}
              onChange={(change) => setTicketTypes(change.target.value)}
            />
          </label>
        )}
        <label className="field">
          <span>{t.status}</span>
          <select value={status} onChange={(change) => setStatus(change.target.value as Publish)}>
            <option value="draft">{t.draft}</option>
            <option value="scheduled">{t.scheduled}</option>
            <option value="on-sale">{t.onSale}</option>
          </select>
        </label>
        {problem ? <ProblemNotice problem={problem} /> : null}
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? t.submitting : t.submit}
        </button>
      </form>
    </section>
  );
}
