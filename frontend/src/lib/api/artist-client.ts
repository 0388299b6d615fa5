import type { ArtistDetail, ArtistPage } from './fan-types';
import type { Requester } from './http';

/** catalog-service's public artists: those with public events, and one with their events. */
export function artistCalls(call: Requester) {
  return {
    list: (query: { q?: string; page?: number; size?: number } = {}) =>
      call<ArtistPage>('/api/v1/artists', { query: { size: 24, ...query } }),
    get: (id: string) => call<ArtistDetail>(`/api/v1/artists/${encodeURIComponent(id)}`),
  };
}
