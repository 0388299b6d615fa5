'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { AdminEvent, Artist, EventKind, Venue } from '@/lib/api/types';
import { instantOf, parseSeatMap, parseTicketTypes } from '@/lib/event-setup';
import { ProblemNotice } from './problem-notice';

const newOption = '__new__';
type Publish = 'draft' | 'scheduled' | 'on-sale';

const defaultGrades = 'VIP 198000\nR 165000\nS 132000';
const defaultSections = 'Floor, 10, 20, VIP\nLower, 10, 20, R\nUpper, 10, 20, S';
const defaultTicketTypes = '스탠딩 A, 88000, 500, 4\n스탠딩 B, 77000, 500, 4';

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
  const [ticketTypes, setTicketTypes] = useState(defaultTicketTypes);

  useEffect(() => {
    Promise.all([api.admin.venues(), api.admin.artists()])
      .then(([venuePage, artistPage]) => {
        setVenues(venuePage.items);
        setArtists(artistPage.items);
        if (venuePage.items[0]) setVenueId(venuePage.items[0].id);
        if (artistPage.items[0]) setArtistId(artistPage.items[0].id);
      })
      .catch((error: unknown) => setProblem(describeError(error)));
  }, []);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const layout = kind === 'seated' ? parseSeatMap(grades, sections) : undefined;
    const standing = kind === 'standing' ? parseTicketTypes(ticketTypes) : undefined;
    const invalid = (layout && !layout.ok && layout.error) || (standing && !standing.ok && standing.error);
    const times = {
      startsAt: instantOf(startsAt),
      open: instantOf(salesOpenAt),
      close: instantOf(salesCloseAt),
    };
    if (invalid || !times.startsAt || !times.open || !times.close) {
      setProblem({
        title: '입력값을 확인해 주세요',
        status: 400,
        detail: invalid || '날짜를 모두 입력해 주세요.',
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
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  if (created)
    return (
      <section className="panel narrow">
        <h1 className="success">공연을 등록했습니다</h1>
        <p>
          {created.title} ({created.status})
        </p>
        <p className="muted">공개 목록에는 카탈로그가 변경을 받는 대로 (보통 몇 초 안에) 나타납니다.</p>
        <div className="actions">
          {created.status !== 'draft' ? (
            <Link href={`/events/${created.id}`} className="button">
              공연 페이지
            </Link>
          ) : null}
          <Link href={`/admin/events/${created.id}`} className="button secondary">
            공연 관리 · 판매 열기
          </Link>
          {created.kind === 'seated' ? (
            <Link href={`/admin/events/${created.id}/seat-map`} className="button secondary">
              좌석 배치도 미리보기
            </Link>
          ) : null}
          <Link href="/admin" className="button secondary">
            판매 현황
          </Link>
        </div>
      </section>
    );

  return (
    <section className="panel">
      <h1>공연 등록</h1>
      <form className="admin-form" onSubmit={submit}>
        <label className="field">
          <span>제목</span>
          <input
            value={title}
            onChange={(change) => setTitle(change.target.value)}
            required
            maxLength={300}
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>장르</span>
            <input value={category} onChange={(change) => setCategory(change.target.value)} required />
          </label>
          <label className="field">
            <span>좌석 형태</span>
            <select value={kind} onChange={(change) => setKind(change.target.value as EventKind)}>
              <option value="seated">지정석</option>
              <option value="standing">스탠딩</option>
            </select>
          </label>
          <label className="field">
            <span>1회 최대 매수</span>
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
          <span>소개</span>
          <textarea rows={3} value={description} onChange={(change) => setDescription(change.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>아티스트</span>
            <select value={artistId} onChange={(change) => setArtistId(change.target.value)}>
              {artists.map((artist) => (
                <option key={artist.id} value={artist.id}>
                  {artist.name}
                </option>
              ))}
              <option value={newOption}>+ 새 아티스트</option>
            </select>
          </label>
          {artistId === newOption ? (
            <label className="field">
              <span>새 아티스트 이름</span>
              <input value={artistName} onChange={(change) => setArtistName(change.target.value)} required />
            </label>
          ) : null}
        </div>
        <div className="field-row">
          <label className="field">
            <span>공연장</span>
            <select value={venueId} onChange={(change) => setVenueId(change.target.value)}>
              {venues.map((venue) => (
                <option key={venue.id} value={venue.id}>
                  {venue.name} ({venue.city})
                </option>
              ))}
              <option value={newOption}>+ 새 공연장</option>
            </select>
          </label>
          {venueId === newOption ? (
            <>
              <label className="field">
                <span>새 공연장 이름</span>
                <input value={venueName} onChange={(change) => setVenueName(change.target.value)} required />
              </label>
              <label className="field">
                <span>도시</span>
                <input value={venueCity} onChange={(change) => setVenueCity(change.target.value)} />
              </label>
            </>
          ) : null}
        </div>
        <div className="field-row">
          <label className="field">
            <span>공연 일시</span>
            <input
              type="datetime-local"
              value={startsAt}
              onChange={(change) => setStartsAt(change.target.value)}
            />
          </label>
          <label className="field">
            <span>예매 오픈</span>
            <input
              type="datetime-local"
              value={salesOpenAt}
              onChange={(change) => setSalesOpenAt(change.target.value)}
            />
          </label>
          <label className="field">
            <span>예매 마감</span>
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
              <span>등급 (한 줄에 "등급명 가격")</span>
              <textarea rows={4} value={grades} onChange={(change) => setGrades(change.target.value)} />
            </label>
            <label className="field">
              <span>구역 (한 줄에 "구역명, 열 수, 열당 좌석 수, 등급")</span>
              <textarea rows={4} value={sections} onChange={(change) => setSections(change.target.value)} />
            </label>
          </div>
        ) : (
          <label className="field">
            <span>티켓 종류 (한 줄에 "이름, 가격, 수량, 1인 한도")</span>
            <textarea
              rows={4}
              value={ticketTypes}
              onChange={(change) => setTicketTypes(change.target.value)}
            />
          </label>
        )}
        <label className="field">
          <span>공개 상태</span>
          <select value={status} onChange={(change) => setStatus(change.target.value as Publish)}>
            <option value="draft">비공개 (초안)</option>
            <option value="scheduled">판매 예정</option>
            <option value="on-sale">예매 중</option>
          </select>
        </label>
        {problem ? <ProblemNotice problem={problem} /> : null}
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? '등록 중…' : '등록하기'}
        </button>
      </form>
    </section>
  );
}
