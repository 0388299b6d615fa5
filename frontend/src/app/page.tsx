import Link from 'next/link';
import { EventCard } from '@/components/event-card';
import { ProblemNotice } from '@/components/problem-notice';
import { bilingual } from '@/i18n/locale';
import { requestLocale } from '@/i18n/server';
import { describeError } from '@/lib/api/problem';
import { serverApi } from '@/lib/api/server';
import { type EventSort, eventSorts, eventStatuses } from '@/lib/api/types';
import { eventPageHref, eventQueryOf, type SearchParams } from '@/lib/event-query';
import { eventStatusLabelsIn, formatCount } from '@/lib/format';

const text = bilingual({
  ko: {
    heading: '지금 예매할 수 있는 공연',
    lead: '인기 공연 오픈 시간에도 순서대로 안내해 드립니다.',
    search: '공연, 아티스트, 공연장 검색',
    searchLabel: '검색어',
    city: '도시',
    genre: '장르 (concert 등)',
    genreLabel: '장르',
    kind: '좌석 형태',
    kindAll: '좌석 형태 전체',
    seated: '지정석',
    standing: '스탠딩',
    status: '판매 상태',
    statusAll: '판매 상태 전체',
    sort: '정렬',
    submit: '검색',
    none: '조건에 맞는 공연이 없습니다.',
    count: (count: string) => `${count}개의 공연`,
    pages: '페이지',
    previous: '이전',
    next: '다음',
    sorts: {
      startsAt: '공연일 빠른 순',
      '-startsAt': '공연일 늦은 순',
      salesOpenAt: '예매 오픈 빠른 순',
      '-salesOpenAt': '예매 오픈 늦은 순',
      title: '제목 가나다순',
      '-title': '제목 역순',
      priceMin: '낮은 가격 순',
      '-priceMin': '높은 가격 순',
    } satisfies Record<EventSort, string>,
  },
  en: {
    heading: 'On sale now',
    lead: 'When a big show opens, everyone is served in turn.',
    search: 'Search shows, artists, venues',
    searchLabel: 'Search',
    city: 'City',
    genre: 'Genre (e.g. concert)',
    genreLabel: 'Genre',
    kind: 'Seating',
    kindAll: 'Any seating',
    seated: 'Reserved seats',
    standing: 'Standing',
    status: 'Sale status',
    statusAll: 'Any status',
    sort: 'Sort',
    submit: 'Search',
    none: 'No shows match.',
    count: (count: string) => `${count} shows`,
    pages: 'Pages',
    previous: 'Previous',
    next: 'Next',
    sorts: {
      startsAt: 'Soonest show',
      '-startsAt': 'Latest show',
      salesOpenAt: 'Soonest sale',
      '-salesOpenAt': 'Latest sale',
      title: 'Title A–Z',
      '-title': 'Title Z–A',
      priceMin: 'Lowest price',
      '-priceMin': 'Highest price',
    },
  },
});

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = eventQueryOf(await searchParams);
  const locale = await requestLocale();
  const t = text[locale];
  const statusLabels = eventStatusLabelsIn(locale);
  const result = await serverApi()
    .catalog.events(query)
    .then((page) => ({ page }))
    .catch((error: unknown) => ({ problem: describeError(error, {}, locale) }));

  return (
    <>
      <section className="hero">
        <h1>{t.heading}</h1>
        <p>{t.lead}</p>
      </section>

      <search>
        <form className="filters" method="get" action="/">
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ''}
            placeholder={t.search}
            aria-label={t.searchLabel}
          />
          <input name="city" defaultValue={query.city ?? ''} placeholder={t.city} aria-label={t.city} />
          <input
            name="category"
            defaultValue={query.category ?? ''}
            placeholder={t.genre}
            aria-label={t.genreLabel}
          />
          <select name="kind" defaultValue={query.kind ?? ''} aria-label={t.kind}>
            <option value="">{t.kindAll}</option>
            <option value="seated">{t.seated}</option>
            <option value="standing">{t.standing}</option>
          </select>
          <select name="status" defaultValue={query.status ?? ''} aria-label={t.status}>
            <option value="">{t.statusAll}</option>
            {eventStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </select>
          <select name="sort" defaultValue={query.sort ?? 'startsAt'} aria-label={t.sort}>
            {eventSorts.map((sort) => (
              <option key={sort} value={sort}>
                {t.sorts[sort]}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t.submit}
          </button>
        </form>
      </search>

      {'problem' in result ? (
        <ProblemNotice problem={result.problem} />
      ) : result.page.items.length === 0 ? (
        <p className="empty">{t.none}</p>
      ) : (
        <>
          <p className="result-count">{t.count(formatCount(result.page.total, locale))}</p>
          <ul className="event-grid">
            {result.page.items.map((event) => (
              <li key={event.id}>
                <EventCard event={event} locale={locale} />
              </li>
            ))}
          </ul>
          {result.page.totalPages > 1 ? (
            <nav className="pagination" aria-label={t.pages}>
              {result.page.page > 1 ? (
                <Link href={eventPageHref(query, result.page.page - 1)}>{t.previous}</Link>
              ) : null}
              <span>
                {result.page.page} / {result.page.totalPages}
              </span>
              {result.page.page < result.page.totalPages ? (
                <Link href={eventPageHref(query, result.page.page + 1)}>{t.next}</Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
