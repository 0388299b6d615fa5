import Link from 'next/link';
import { EventCard } from '@/components/event-card';
import { ProblemNotice } from '@/components/problem-notice';
import { describeError } from '@/lib/api/problem';
import { serverApi } from '@/lib/api/server';
import { type EventSort, eventSorts, eventStatuses } from '@/lib/api/types';
import { eventPageHref, eventQueryOf, type SearchParams } from '@/lib/event-query';
import { eventStatusLabels } from '@/lib/format';

const sortLabels: Record<EventSort, string> = {
  startsAt: '공연일 빠른 순',
  '-startsAt': '공연일 늦은 순',
  salesOpenAt: '예매 오픈 빠른 순',
  '-salesOpenAt': '예매 오픈 늦은 순',
  title: '제목 가나다순',
  '-title': '제목 역순',
  priceMin: '낮은 가격 순',
  '-priceMin': '높은 가격 순',
};

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = eventQueryOf(await searchParams);
  const result = await serverApi()
    .catalog.events(query)
    .then((page) => ({ page }))
    .catch((error: unknown) => ({ problem: describeError(error) }));

  return (
    <>
      <section className="hero">
        <h1>지금 예매할 수 있는 공연</h1>
        <p>인기 공연 오픈 시간에도 순서대로 안내해 드립니다.</p>
      </section>

      <search>
        <form className="filters" method="get" action="/">
          <input
            type="search"
            name="q"
            defaultValue={query.q ?? ''}
            placeholder="공연, 아티스트, 공연장 검색"
            aria-label="검색어"
          />
          <input name="city" defaultValue={query.city ?? ''} placeholder="도시" aria-label="도시" />
          <input
            name="category"
            defaultValue={query.category ?? ''}
            placeholder="장르 (concert 등)"
            aria-label="장르"
          />
          <select name="kind" defaultValue={query.kind ?? ''} aria-label="좌석 형태">
            <option value="">좌석 형태 전체</option>
            <option value="seated">지정석</option>
            <option value="standing">스탠딩</option>
          </select>
          <select name="status" defaultValue={query.status ?? ''} aria-label="판매 상태">
            <option value="">판매 상태 전체</option>
            {eventStatuses.map((status) => (
              <option key={status} value={status}>
                {eventStatusLabels[status]}
              </option>
            ))}
          </select>
          <select name="sort" defaultValue={query.sort ?? 'startsAt'} aria-label="정렬">
            {eventSorts.map((sort) => (
              <option key={sort} value={sort}>
                {sortLabels[sort]}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            검색
          </button>
        </form>
      </search>

      {'problem' in result ? (
        <ProblemNotice problem={result.problem} />
      ) : result.page.items.length === 0 ? (
        <p className="empty">조건에 맞는 공연이 없습니다.</p>
      ) : (
        <>
          <p className="result-count">{result.page.total.toLocaleString('ko-KR')}개의 공연</p>
          <ul className="event-grid">
            {result.page.items.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
          {result.page.totalPages > 1 ? (
            <nav className="pagination" aria-label="페이지">
              {result.page.page > 1 ? (
                <Link href={eventPageHref(query, result.page.page - 1)}>이전</Link>
              ) : null}
              <span>
                {result.page.page} / {result.page.totalPages}
              </span>
              {result.page.page < result.page.totalPages ? (
                <Link href={eventPageHref(query, result.page.page + 1)}>다음</Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
