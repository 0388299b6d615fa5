import type {
  AdminEventDetail,
  EventChange,
  EventStatsDetail,
  MembershipChange,
  MembershipPage,
  MembershipSet,
  ModeratedCommentPage,
  ModeratedPostPage,
  ModeratedReviewPage,
  ModerationAction,
  ModerationActionPage,
  ModerationCollection,
  ModerationStatus,
  NewPerformance,
  PerformanceChange,
  SavedSeatMap,
  TicketTypeChange,
  VenueChange,
} from './admin-types';
import type { Requester } from './http';
import type { AdminEvent, Page, Performance, TicketType, Venue } from './types';

const segment = encodeURIComponent;

/**
 * The organisers' admin routes beyond the dashboard's and the new-event form's (those stay in client.ts):
 * venues, an event's details, performances, ticket types and seat map, memberships, moderation.
 */
export function createAdminRoutes(call: Requester) {
  const send = <T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
    call<T>(path, { method, body });

  return {
    venues: {
      page: (page = 1) => call<Page<Venue>>('/api/v1/admin/venues', { query: { page, size: 50 } }),
      update: (id: string, change: VenueChange) =>
        send<Venue>('PATCH', `/api/v1/admin/venues/${segment(id)}`, change),
    },

    events: {
      detail: (id: string) => call<AdminEventDetail>(`/api/v1/admin/events/${segment(id)}`),
      update: (id: string, change: EventChange) =>
        send<AdminEvent>('PATCH', `/api/v1/admin/events/${segment(id)}`, change),
      seatMap: (id: string) => call<SavedSeatMap>(`/api/v1/admin/events/${segment(id)}/seat-map`),
      gradePrice: (id: string, gradeId: string, price: number) =>
        send<{ id: string; name: string; price: number }>(
          'PATCH',
          `/api/v1/admin/events/${segment(id)}/grades/${segment(gradeId)}`,
          { price },
        ),
    },

    performances: {
      add: (body: NewPerformance) => send<Performance>('POST', '/api/v1/admin/performances', body),
      update: (id: string, change: PerformanceChange) =>
        send<Performance>('PATCH', `/api/v1/admin/performances/${segment(id)}`, change),
      remove: (id: string) => send<void>('DELETE', `/api/v1/admin/performances/${segment(id)}`),
    },

    ticketTypes: {
      update: (id: string, change: TicketTypeChange) =>
        send<TicketType>('PATCH', `/api/v1/admin/ticket-types/${segment(id)}`, change),
    },

    memberships: {
      list: (query: { userId?: string; artistId?: string; page?: number } = {}) =>
        call<MembershipPage>('/api/v1/admin/memberships', { query: { ...query, size: 50 } }),
      set: (body: MembershipChange) => send<MembershipSet>('PUT', '/api/v1/admin/memberships', body),
    },

    moderation: {
      posts: (status: ModerationStatus, page = 1) =>
        call<ModeratedPostPage>('/api/v1/admin/community/posts', { query: { status, page, size: 20 } }),
      comments: (status: ModerationStatus, page = 1) =>
        call<ModeratedCommentPage>('/api/v1/admin/community/comments', { query: { status, page, size: 20 } }),
      reviews: (status: ModerationStatus, page = 1) =>
        call<ModeratedReviewPage>('/api/v1/admin/community/reviews', { query: { status, page, size: 20 } }),
      actions: (page = 1) =>
        call<ModerationActionPage>('/api/v1/admin/community/moderation-actions', {
          query: { page, size: 20 },
        }),
      hide: (collection: ModerationCollection, id: string, reason: string) =>
        send<ModerationAction>('POST', `/api/v1/admin/community/${collection}/${segment(id)}/hide`, {
          reason,
        }),
      unhide: (collection: ModerationCollection, id: string) =>
        send<ModerationAction>('POST', `/api/v1/admin/community/${collection}/${segment(id)}/unhide`),
      remove: (collection: ModerationCollection, id: string, reason: string) =>
        call<void>(`/api/v1/admin/community/${collection}/${segment(id)}`, {
          method: 'DELETE',
          query: { reason },
        }),
    },

    stats: {
      event: (eventId: string) => call<EventStatsDetail>(`/api/v1/admin/stats/events/${segment(eventId)}`),
    },
  };
}

export type AdminRoutes = ReturnType<typeof createAdminRoutes>;
