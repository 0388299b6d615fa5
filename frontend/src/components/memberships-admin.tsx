'use client';

import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import type { Membership, MembershipTierName } from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import type { PresaleSchedule } from '@/lib/api/fan-types';
import type { Problem } from '@/lib/api/problem';
import type { AdminEvent, Artist } from '@/lib/api/types';
import { formatCount, formatDateTime } from '@/lib/format';
import { describeOrganiserError } from '@/lib/organiser-problem';
import { AdminNav } from './admin-nav';
import styles from './organiser.module.css';
import { ProblemNotice } from './problem-notice';

const tiers: readonly MembershipTierName[] = ['diamond', 'gold', 'silver', 'bronze'];

const text = bilingual({
  ko: {
    tiers: {
      diamond: '다이아몬드',
      gold: '골드',
      silver: '실버',
      bronze: '브론즈',
      general: '일반 예매',
    } as Readonly<Record<string, string>>,
    title: '팬클럽 멤버십',
    setTitle: '회원 등급 정하기',
    setHelp:
      '회원이 아니면 가입시키고, 회원이면 등급을 바꿉니다. 사용자 ID는 계정의 ID입니다 (이메일이 아닙니다).',
    userId: '사용자 ID',
    artist: '아티스트',
    tier: '등급',
    save: '저장하기',
    outcome: {
      joined: '가입시켰습니다.',
      'tier-changed': '등급을 바꿨습니다.',
      unchanged: '이미 그 등급입니다.',
    },
    listTitle: '회원',
    filterArtist: '아티스트로 찾기',
    filterUser: '사용자 ID로 찾기',
    all: '전체',
    search: '찾기',
    joinedAt: '가입',
    updatedAt: '변경',
    edit: '수정',
    empty: '회원이 없습니다.',
    count: (total: number) => `${formatCount(total, 'ko')}명`,
    more: '더 보기',
    presaleTitle: '선예매 등급별 오픈',
    presaleHelp:
      '팬클럽 등급이 높을수록 먼저 예매합니다. 시각은 공연의 선예매 오픈과 일반 예매 오픈 사이에서 예매 서비스가 정합니다 (공연 관리 화면에서 바꿉니다).',
    event: '공연',
    pick: '공연을 고르세요',
    opensAt: '예매 시작',
    closesAt: (when: string) => `예매 마감: ${when}`,
  },
  en: {
    tiers: {
      diamond: 'Diamond',
      gold: 'Gold',
      silver: 'Silver',
      bronze: 'Bronze',
      general: 'General sale',
    },
    title: 'Fan-club memberships',
    setTitle: "Set a member's tier",
    setHelp:
      "Makes the user a member if they aren't one, or changes their tier if they are. The user ID is the account's ID (not the email address).",
    userId: 'User ID',
    artist: 'Artist',
    tier: 'Tier',
    save: 'Save',
    outcome: {
      joined: 'Added as a member.',
      'tier-changed': 'Tier changed.',
      unchanged: 'Already on that tier.',
    },
    listTitle: 'Members',
    filterArtist: 'Filter by artist',
    filterUser: 'Filter by user ID',
    all: 'All',
    search: 'Search',
    joinedAt: 'Joined',
    updatedAt: 'Changed',
    edit: 'Edit',
    empty: 'No members.',
    count: (total: number) => (total === 1 ? '1 member' : `${formatCount(total, 'en')} members`),
    more: 'Show more',
    presaleTitle: 'Presale opening by tier',
    presaleHelp:
      "Higher fan-club tiers book first. The booking service sets the times between the event's presale opening and its general sale (change them on the event's admin page).",
    event: 'Event',
    pick: 'Choose an event',
    opensAt: 'Booking opens',
    closesAt: (when: string) => `Sales close: ${when}`,
  },
});

const nameOf = (artists: readonly Artist[], id: string) =>
  artists.find((artist) => artist.id === id)?.name ?? id;

/** `/admin/memberships`: set a fan's tier in an artist's fan club, list members, and see when each tier may buy. */
export function MembershipsAdmin() {
  const [artists, setArtists] = useState<Artist[]>([]);
  const [events, setEvents] = useState<AdminEvent[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [form, setForm] = useState({ userId: '', artistId: '', tier: 'bronze' as MembershipTierName });
  const [filter, setFilter] = useState({ userId: '', artistId: '' });
  const [members, setMembers] = useState<Membership[]>([]);
  const [page, setPage] = useState({ page: 1, totalPages: 1, total: 0 });
  const [eventId, setEventId] = useState('');
  const [schedule, setSchedule] = useState<PresaleSchedule | undefined>();
  const locale = useLocale();
  const t = text[locale];

  const search = useCallback(
    async (query: { userId: string; artistId: string }, upTo: number) => {
      try {
        const pages = await Promise.all(
          Array.from({ length: upTo }, (_, index) =>
            api.organiser.memberships.list({
              userId: query.userId.trim() || undefined,
              artistId: query.artistId || undefined,
              page: index + 1,
            }),
          ),
        );
        const last = pages.at(-1);
        setMembers(pages.flatMap((one) => one.items));
        setPage({ page: upTo, totalPages: last?.totalPages ?? 1, total: last?.total ?? 0 });
      } catch (error) {
        setProblem(describeOrganiserError(error, locale));
      }
    },
    [locale],
  );

  useEffect(() => {
    Promise.all([api.admin.artists(), api.admin.events()])
      .then(([artistPage, eventPage]) => {
        setArtists(artistPage.items);
        setEvents(eventPage.items);
        setForm((current) => ({ ...current, artistId: artistPage.items[0]?.id ?? '' }));
      })
      .catch((error: unknown) => setProblem(describeOrganiserError(error, locale)));
    void search({ userId: '', artistId: '' }, 1);
  }, [search, locale]);

  useEffect(() => {
    setSchedule(undefined);
    if (!eventId) return;
    api.memberships
      .presaleSchedule(eventId)
      .then(setSchedule)
      .catch((error: unknown) => setProblem(describeOrganiserError(error, locale)));
  }, [eventId, locale]);

  const save = async (submitted: React.FormEvent) => {
    submitted.preventDefault();
    setProblem(undefined);
    setNotice(undefined);
    try {
      const result = await api.organiser.memberships.set({ ...form, userId: form.userId.trim() });
      setNotice(
        `${nameOf(artists, result.membership.artistId)} · ${result.membership.userId}: ${t.outcome[result.outcome]}`,
      );
      await search(filter, page.page);
    } catch (error) {
      setProblem(describeOrganiserError(error, locale));
    }
  };

  return (
    <section className="admin">
      <AdminNav />
      <h1>{t.title}</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}

      <form className={styles.card} onSubmit={save} aria-labelledby="membership-set-title">
        <h2 id="membership-set-title">{t.setTitle}</h2>
        <p className="muted small">{t.setHelp}</p>
        <div className={styles.row}>
          <label className="field">
            <span>{t.userId}</span>
            <input
              value={form.userId}
              onChange={(change) => setForm({ ...form, userId: change.target.value })}
              required
              maxLength={128}
            />
          </label>
          <label className="field">
            <span>{t.artist}</span>
            <select
              value={form.artistId}
              onChange={(change) => setForm({ ...form, artistId: change.target.value })}
              required
            >
              {artists.map((artist) => (
                <option key={artist.id} value={artist.id} lang={writtenIn(artist.name)}>
                  {artist.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t.tier}</span>
            <select
              value={form.tier}
              onChange={(change) => setForm({ ...form, tier: change.target.value as MembershipTierName })}
            >
              {tiers.map((tier) => (
                <option key={tier} value={tier}>
                  {t.tiers[tier]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" className="button">
          {t.save}
        </button>
      </form>

      <h2>
        {t.listTitle} <span className="muted small">{t.count(page.total)}</span>
      </h2>
      <form
        className={styles.row}
        onSubmit={(submitted) => {
          submitted.preventDefault();
          void search(filter, 1);
        }}
      >
        <label className="field">
          <span>{t.filterArtist}</span>
          <select
            value={filter.artistId}
            onChange={(change) => setFilter({ ...filter, artistId: change.target.value })}
          >
            <option value="">{t.all}</option>
            {artists.map((artist) => (
              <option key={artist.id} value={artist.id} lang={writtenIn(artist.name)}>
                {artist.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t.filterUser}</span>
          <input
            value={filter.userId}
            onChange={(change) => setFilter({ ...filter, userId: change.target.value })}
          />
        </label>
        <button type="submit" className="button secondary">
          {t.search}
        </button>
      </form>
      <table className="table">
        <thead>
          <tr>
            <th>{t.userId}</th>
            <th>{t.artist}</th>
            <th>{t.tier}</th>
            <th>{t.joinedAt}</th>
            <th>{t.updatedAt}</th>
            <th>{t.edit}</th>
          </tr>
        </thead>
        <tbody>
          {members.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {t.empty}
              </td>
            </tr>
          ) : null}
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.userId}</td>
              <td lang={writtenIn(nameOf(artists, member.artistId))}>{nameOf(artists, member.artistId)}</td>
              <td>{t.tiers[member.tier] ?? member.tier}</td>
              <td>{formatDateTime(member.joinedAt, locale)}</td>
              <td>{formatDateTime(member.updatedAt, locale)}</td>
              <td>
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={`${member.userId} ${t.edit}`}
                  onClick={() =>
                    setForm({ userId: member.userId, artistId: member.artistId, tier: member.tier })
                  }
                >
                  {t.edit}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.page < page.totalPages ? (
        <button type="button" className="button secondary" onClick={() => void search(filter, page.page + 1)}>
          {t.more}
        </button>
      ) : null}

      <section className={styles.card} aria-labelledby="presale-title">
        <h2 id="presale-title">{t.presaleTitle}</h2>
        <p className="muted small">{t.presaleHelp}</p>
        <label className="field">
          <span>{t.event}</span>
          <select value={eventId} onChange={(change) => setEventId(change.target.value)}>
            <option value="">{t.pick}</option>
            {events.map((event) => (
              <option key={event.id} value={event.id} lang={writtenIn(event.title)}>
                {event.title}
              </option>
            ))}
          </select>
        </label>
        {schedule ? (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t.tier}</th>
                  <th>{t.opensAt}</th>
                </tr>
              </thead>
              <tbody>
                {schedule.openings.map((opening) => (
                  <tr key={opening.tier}>
                    <td>{t.tiers[opening.tier] ?? opening.tier}</td>
                    <td>{formatDateTime(opening.opensAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{t.closesAt(formatDateTime(schedule.closesAt, locale))}</p>
          </>
        ) : null}
      </section>
    </section>
  );
}
