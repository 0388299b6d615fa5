import { type EventKind, type EventQuery, type EventSort, eventSorts, eventStatuses } from './api/types';

export type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export const eventsPerPage = 12;

/** The catalogue's query from the home page's address; unknown values are left out rather than refused. */
export function eventQueryOf(params: SearchParams): EventQuery {
  const kind = first(params.kind);
  const status = first(params.status);
  const sort = first(params.sort);
  const page = Number(first(params.page) ?? '1');
  return {
    q: first(params.q),
    category: first(params.category),
    city: first(params.city),
    kind: kind === 'seated' || kind === 'standing' ? (kind as EventKind) : undefined,
    status: status && (eventStatuses as readonly string[]).includes(status) ? status : undefined,
    sort: sort && (eventSorts as readonly string[]).includes(sort) ? (sort as EventSort) : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
    size: eventsPerPage,
  };
}

/** The home page's address for another page of the same search. */
export function eventPageHref(query: EventQuery, page: number): string {
  const params = new URLSearchParams();
  const { size: _size, page: _page, ...filters } = query;
  for (const [name, value] of Object.entries(filters))
    if (value !== undefined && value !== '') params.set(name, String(value));
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/?${text}` : '/';
}
