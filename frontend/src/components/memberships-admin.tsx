'use client';

import { useCallback, useEffect, useState } from 'react';
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

const tierLabels: Readonly<Record<string, string>> = {
  diamond: '다이아몬드',
  gold: '골드',
  silver: '실버',
  bronze: '브론즈',
  general: '일반 예매',
};
const tiers: readonly MembershipTierName[] = ['diamond', 'gold', 'silver', 'bronze'];

const text = {
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
  count: (total: number) => `${formatCount(total)}명`,
  more: '더 보기',
  presaleTitle: '선예매 등급별 오픈',
  presaleHelp:
    '팬클럽 등급이 높을수록 먼저 예매합니다. 시각은 공연의 선예매 오픈과 일반 예매 오픈 사이에서 예매 서비스가 정합니다 (공연 관리 화면에서 바꿉니다).',
  event: '공연',
  pick: '공연을 고르세요',
  opensAt: '예매 시작',
  closesAt: (when: string) => `예매 마감: ${when}`,
} as const;

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

  const search = useCallback(async (query: { userId: string; artistId: string }, upTo: number) => {
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
      setProblem(describeOrganiserError(error));
    }
  }, []);

  useEffect(() => {
    Promise.all([api.admin.artists(), api.admin.events()])
      .then(([artistPage, eventPage]) => {
        setArtists(artistPage.items);
        setEvents(eventPage.items);
        setForm((current) => ({ ...current, artistId: artistPage.items[0]?.id ?? '' }));
      })
      .catch((error: unknown) => setProblem(describeOrganiserError(error)));
    void search({ userId: '', artistId: '' }, 1);
  }, [search]);

  useEffect(() => {
    setSchedule(undefined);
    if (!eventId) return;
    api.memberships
      .presaleSchedule(eventId)
      .then(setSchedule)
      .catch((error: unknown) => setProblem(describeOrganiserError(error)));
  }, [eventId]);

  const save = async (submitted: React.FormEvent) => {
    submitted.preventDefault();
    setProblem(undefined);
    setNotice(undefined);
    try {
      const result = await api.organiser.memberships.set({ ...form, userId: form.userId.trim() });
      setNotice(
        `${nameOf(artists, result.membership.artistId)} · ${result.membership.userId}: ${text.outcome[result.outcome]}`,
      );
      await search(filter, page.page);
    } catch (error) {
      setProblem(describeOrganiserError(error));
    }
  };

  return (
    <section className="admin">
      <AdminNav />
      <h1>{text.title}</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}

      <form className={styles.card} onSubmit={save} aria-labelledby="membership-set-title">
        <h2 id="membership-set-title">{text.setTitle}</h2>
        <p className="muted small">{text.setHelp}</p>
        <div className={styles.row}>
          <label className="field">
            <span>{text.userId}</span>
            <input
              value={form.userId}
              onChange={(change) => setForm({ ...form, userId: change.target.value })}
              required
              maxLength={128}
            />
          </label>
          <label className="field">
            <span>{text.artist}</span>
            <select
              value={form.artistId}
              onChange={(change) => setForm({ ...form, artistId: change.target.value })}
              required
            >
              {artists.map((artist) => (
                <option key={artist.id} value={artist.id}>
                  {artist.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{text.tier}</span>
            <select
              value={form.tier}
              onChange={(change) => setForm({ ...form, tier: change.target.value as MembershipTierName })}
            >
              {tiers.map((tier) => (
                <option key={tier} value={tier}>
                  {tierLabels[tier]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" className="button">
          {text.save}
        </button>
      </form>

      <h2>
        {text.listTitle} <span className="muted small">{text.count(page.total)}</span>
      </h2>
      <form
        className={styles.row}
        onSubmit={(submitted) => {
          submitted.preventDefault();
          void search(filter, 1);
        }}
      >
        <label className="field">
          <span>{text.filterArtist}</span>
          <select
            value={filter.artistId}
            onChange={(change) => setFilter({ ...filter, artistId: change.target.value })}
          >
            <option value="">{text.all}</option>
            {artists.map((artist) => (
              <option key={artist.id} value={artist.id}>
                {artist.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{text.filterUser}</span>
          <input
            value={filter.userId}
            onChange={(change) => setFilter({ ...filter, userId: change.target.value })}
          />
        </label>
        <button type="submit" className="button secondary">
          {text.search}
        </button>
      </form>
      <table className="table">
        <thead>
          <tr>
            <th>{text.userId}</th>
            <th>{text.artist}</th>
            <th>{text.tier}</th>
            <th>{text.joinedAt}</th>
            <th>{text.updatedAt}</th>
            <th>{text.edit}</th>
          </tr>
        </thead>
        <tbody>
          {members.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {text.empty}
              </td>
            </tr>
          ) : null}
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.userId}</td>
              <td>{nameOf(artists, member.artistId)}</td>
              <td>{tierLabels[member.tier] ?? member.tier}</td>
              <td>{formatDateTime(member.joinedAt)}</td>
              <td>{formatDateTime(member.updatedAt)}</td>
              <td>
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={`${member.userId} ${text.edit}`}
                  onClick={() =>
                    setForm({ userId: member.userId, artistId: member.artistId, tier: member.tier })
                  }
                >
                  {text.edit}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.page < page.totalPages ? (
        <button type="button" className="button secondary" onClick={() => void search(filter, page.page + 1)}>
          {text.more}
        </button>
      ) : null}

      <section className={styles.card} aria-labelledby="presale-title">
        <h2 id="presale-title">{text.presaleTitle}</h2>
        <p className="muted small">{text.presaleHelp}</p>
        <label className="field">
          <span>{text.event}</span>
          <select value={eventId} onChange={(change) => setEventId(change.target.value)}>
            <option value="">{text.pick}</option>
            {events.map((event) => (
              <option key={event.id} value={event.id}>
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
                  <th>{text.tier}</th>
                  <th>{text.opensAt}</th>
                </tr>
              </thead>
              <tbody>
                {schedule.openings.map((opening) => (
                  <tr key={opening.tier}>
                    <td>{tierLabels[opening.tier] ?? opening.tier}</td>
                    <td>{formatDateTime(opening.opensAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{text.closesAt(formatDateTime(schedule.closesAt))}</p>
          </>
        ) : null}
      </section>
    </section>
  );
}
