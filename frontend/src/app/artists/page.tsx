import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/fan-pages.module.css';
import { ProblemNotice } from '@/components/problem-notice';
import { pathWithQuery } from '@/lib/api/http';
import { describeError } from '@/lib/api/problem';
import { serverApi } from '@/lib/api/server';

const text = {
  title: '아티스트',
  intro: '공연 중이거나 공연 예정인 아티스트를 찾아보세요.',
  search: '아티스트 검색',
  searchPlaceholder: '아티스트 이름',
  submit: '검색',
  count: (total: number) => `${total.toLocaleString('ko-KR')}명의 아티스트`,
  events: (count: number) => `공연 ${count.toLocaleString('ko-KR')}개`,
  empty: '조건에 맞는 아티스트가 없습니다.',
  pages: '페이지',
  previous: '이전',
  next: '다음',
} as const;

export const metadata: Metadata = { title: text.title };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ArtistsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = single(params.q)?.trim() || undefined;
  const page = Math.max(1, Number.parseInt(single(params.page) ?? '1', 10) || 1);
  const result = await serverApi()
    .artists.list({ q, page })
    .then((artists) => ({ artists }))
    .catch((error: unknown) => ({ problem: describeError(error) }));
  const pageHref = (to: number) => pathWithQuery('/artists', { q, page: to > 1 ? to : undefined });

  return (
    <>
      <section className="hero">
        <h1>{text.title}</h1>
        <p>{text.intro}</p>
      </section>
      <search>
        <form className="filters" method="get" action="/artists">
          <input
            type="search"
            name="q"
            defaultValue={q ?? ''}
            placeholder={text.searchPlaceholder}
            aria-label={text.search}
          />
          <button type="submit" className="button">
            {text.submit}
          </button>
        </form>
      </search>
      {'problem' in result ? (
        <ProblemNotice problem={result.problem} />
      ) : result.artists.items.length === 0 ? (
        <p className="empty">{text.empty}</p>
      ) : (
        <>
          <p className="result-count">{text.count(result.artists.total)}</p>
          <ul className={styles.artistGrid} data-testid="artist-list">
            {result.artists.items.map((artist) => (
              <li key={artist.id}>
                <Link href={`/artists/${artist.id}`} className={styles.artistCard}>
                  <span className={styles.initial} aria-hidden="true">
                    <span>{artist.name.slice(0, 1)}</span>
                  </span>
                  <span>
                    <strong>{artist.name}</strong>
                    <span className="muted small">{text.events(artist.eventCount)}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {result.artists.totalPages > 1 ? (
            <nav className="pagination" aria-label={text.pages}>
              {result.artists.page > 1 ? (
                <Link href={pageHref(result.artists.page - 1)}>{text.previous}</Link>
              ) : null}
              <span>
                {result.artists.page} / {result.artists.totalPages}
              </span>
              {result.artists.page < result.artists.totalPages ? (
                <Link href={pageHref(result.artists.page + 1)}>{text.next}</Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
