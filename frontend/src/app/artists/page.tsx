import Link from 'next/link';
import styles from '@/components/fan-pages.module.css';
import { ProblemNotice } from '@/components/problem-notice';
import { bilingual } from '@/i18n/locale';
import { requestLocale, titled } from '@/i18n/server';
import { writtenIn } from '@/i18n/written-in';
import { pathWithQuery } from '@/lib/api/http';
import { describeError } from '@/lib/api/problem';
import { serverApi } from '@/lib/api/server';
import { formatCount } from '@/lib/format';

const text = bilingual({
  ko: {
    title: '아티스트',
    intro: '공연 중이거나 공연 예정인 아티스트를 찾아보세요.',
    search: '아티스트 검색',
    searchPlaceholder: '아티스트 이름',
    submit: '검색',
    count: (total: string) => `${total}명의 아티스트`,
    events: (count: string) => `공연 ${count}개`,
    empty: '조건에 맞는 아티스트가 없습니다.',
    pages: '페이지',
    previous: '이전',
    next: '다음',
  },
  en: {
    title: 'Artists',
    intro: 'Find artists with shows on sale or coming up.',
    search: 'Search artists',
    searchPlaceholder: 'Artist name',
    submit: 'Search',
    count: (total: string) => `${total} artists`,
    events: (count: string) => `${count} events`,
    empty: 'No artist matches.',
    pages: 'Pages',
    previous: 'Previous',
    next: 'Next',
  },
});

export const generateMetadata = titled({ ko: text.ko.title, en: text.en.title });

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ArtistsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const locale = await requestLocale();
  const t = text[locale];
  const q = single(params.q)?.trim() || undefined;
  const page = Math.max(1, Number.parseInt(single(params.page) ?? '1', 10) || 1);
  const result = await serverApi()
    .artists.list({ q, page })
    .then((artists) => ({ artists }))
    .catch((error: unknown) => ({ problem: describeError(error, {}, locale) }));
  const pageHref = (to: number) => pathWithQuery('/artists', { q, page: to > 1 ? to : undefined });

  return (
    <>
      <section className="hero">
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
      </section>
      <search>
        <form className="filters" method="get" action="/artists">
          <input
            type="search"
            name="q"
            defaultValue={q ?? ''}
            placeholder={t.searchPlaceholder}
            aria-label={t.search}
          />
          <button type="submit" className="button">
            {t.submit}
          </button>
        </form>
      </search>
      {'problem' in result ? (
        <ProblemNotice problem={result.problem} />
      ) : result.artists.items.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <>
          <p className="result-count">{t.count(formatCount(result.artists.total, locale))}</p>
          <ul className={styles.artistGrid} data-testid="artist-list">
            {result.artists.items.map((artist) => (
              <li key={artist.id}>
                <Link href={`/artists/${artist.id}`} className={styles.artistCard}>
                  <span className={styles.initial} aria-hidden="true">
                    <span>{artist.name.slice(0, 1)}</span>
                  </span>
                  <span>
                    <strong lang={writtenIn(artist.name)}>{artist.name}</strong>
                    <span className="muted small">{t.events(formatCount(artist.eventCount, locale))}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {result.artists.totalPages > 1 ? (
            <nav className="pagination" aria-label={t.pages}>
              {result.artists.page > 1 ? (
                <Link href={pageHref(result.artists.page - 1)}>{t.previous}</Link>
              ) : null}
              <span>
                {result.artists.page} / {result.artists.totalPages}
              </span>
              {result.artists.page < result.artists.totalPages ? (
                <Link href={pageHref(result.artists.page + 1)}>{t.next}</Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
