'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { ArtistSummary, Membership } from '@/lib/api/fan-types';
import { describeError, type Problem } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format';
import { tierLabelsIn } from '@/lib/presale';
import styles from './fan-pages.module.css';
import { ProblemNotice } from './problem-notice';
import { useSignedInAccount } from './use-signed-in-account';

const text = bilingual({
  ko: {
    title: '멤버십',
    intro: '팬클럽 회원은 등급에 따라 일반 예매보다 먼저 예매할 수 있습니다. 등급은 운영자가 정합니다.',
    loading: '멤버십을 불러오는 중…',
    mine: '가입한 팬클럽',
    none: '아직 가입한 팬클럽이 없습니다.',
    tier: (tier: string) => `${tier} 등급`,
    joinedAt: '가입',
    unknownArtist: '아티스트 정보를 불러오지 못했습니다',
    join: '팬클럽 가입',
    artist: '아티스트',
    choose: '아티스트를 고르세요',
    submit: '가입하기',
    joined: (artist: string) => `${artist} 팬클럽에 가입했습니다.`,
    allJoined: '가입할 수 있는 팬클럽을 모두 가입했습니다.',
    browse: '아티스트 둘러보기',
  },
  en: {
    title: 'Memberships',
    intro:
      'Fan-club members buy before the general sale, earlier the higher their tier. The organisers set tiers.',
    loading: 'Loading memberships…',
    mine: 'My fan clubs',
    none: 'You have not joined a fan club yet.',
    tier: (tier: string) => `${tier} tier`,
    joinedAt: 'Joined',
    unknownArtist: 'Artist details could not be loaded',
    join: 'Join a fan club',
    artist: 'Artist',
    choose: 'Choose an artist',
    submit: 'Join',
    joined: (artist: string) => `You joined the ${artist} fan club.`,
    allJoined: 'You are in every fan club you can join.',
    browse: 'Browse artists',
  },
});

/** My fan-club memberships (`GET /api/v1/memberships`) and joining one (`POST /api/v1/memberships`). */
export function MyMemberships() {
  const account = useSignedInAccount('/my/memberships');
  const locale = useLocale();
  const t = text[locale];
  const selectId = useId();
  const [memberships, setMemberships] = useState<Membership[] | undefined>();
  const [artists, setArtists] = useState<readonly ArtistSummary[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [choice, setChoice] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [joined, setJoined] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [mine, known] = await Promise.all([api.memberships.list(), api.artists.list({ size: 100 })]);
      const listed = Object.fromEntries(known.items.map((artist) => [artist.id, artist.name]));
      // An artist without public events is not in the list; ask for each such one by id.
      const missing = mine.items.filter((membership) => !(membership.artistId in listed));
      const found = await Promise.all(
        missing.map((membership) =>
          api.artists
            .get(membership.artistId)
            .then((artist): [string, string] => [artist.id, artist.name])
            .catch(() => undefined),
        ),
      );
      setNames({ ...listed, ...Object.fromEntries(found.filter((entry) => entry !== undefined)) });
      setArtists(known.items);
      setMemberships([...mine.items]);
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  }, [locale]);

  useEffect(() => {
    if (account) void load();
  }, [account, load]);

  const joinable = artists.filter(
    (artist) => !memberships?.some((membership) => membership.artistId === artist.id),
  );

  const join = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setProblem(undefined);
    setJoined(undefined);
    try {
      const membership = await api.memberships.join(choice);
      setJoined(names[membership.artistId] ?? t.artist);
      setChoice('');
      await load();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.stack}>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      <section aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">{t.mine}</h2>
        {!memberships ? (
          problem ? null : (
            <p className="loading">{t.loading}</p>
          )
        ) : memberships.length === 0 ? (
          <p className="empty" data-testid="memberships-loaded">
            {t.none}
          </p>
        ) : (
          <ul className={styles.rows} data-testid="memberships-loaded">
            {memberships.map((membership) => (
              <li key={membership.id} className={styles.row} data-artist-id={membership.artistId}>
                <p>
                  <strong>
                    <Link
                      href={`/artists/${membership.artistId}`}
                      lang={writtenIn(names[membership.artistId])}
                    >
                      {names[membership.artistId] ?? t.unknownArtist}
                    </Link>
                  </strong>{' '}
                  <span className="status status-on-sale" data-testid="membership-tier">
                    {t.tier(tierLabelsIn(locale)[membership.tier])}
                  </span>
                </p>
                <p className="muted small">
                  {t.joinedAt} {formatDateTime(membership.joinedAt, locale)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {memberships ? (
        <section aria-labelledby="join-heading" className="panel">
          <h2 id="join-heading">{t.join}</h2>
          {joined ? (
            <p className="success" role="status">
              {t.joined(joined)}
            </p>
          ) : null}
          {joinable.length === 0 ? (
            <p className="muted">
              {t.allJoined} <Link href="/artists">{t.browse}</Link>
            </p>
          ) : (
            <form className="field-row" onSubmit={join}>
              <label className="field" htmlFor={selectId}>
                <span>{t.artist}</span>
                <select
                  id={selectId}
                  value={choice}
                  onChange={(change) => setChoice(change.target.value)}
                  required
                >
                  <option value="">{t.choose}</option>
                  {joinable.map((artist) => (
                    <option key={artist.id} value={artist.id} lang={writtenIn(artist.name)}>
                      {artist.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button" disabled={busy || !choice}>
                {t.submit}
              </button>
            </form>
          )}
        </section>
      ) : null}
    </section>
  );
}
