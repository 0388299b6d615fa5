/**
 * The shapes of the organisers' admin routes beyond those in ./types.ts, named from the generated
 * ./public-api.ts (docs/openapi/public-api.json) so a changed route shows up as a type error here.
 */
import type { components, paths } from './public-api';

type Schemas = components['schemas'];
type JsonOf<Response> = Response extends { readonly content: { readonly 'application/json': infer Body } }
  ? Body
  : never;
type BodyOf<Operation> = Operation extends {
  readonly requestBody?: { readonly content: { readonly 'application/json': infer Body } };
}
  ? Body
  : never;

// ticket-service admin
export type AdminEventDetail = Schemas['EventDetail'];
export type AdminEventStatus = Schemas['Event']['status'];
export type SalesFigures = Schemas['SalesFigures'];
export type SavedSeatMap = JsonOf<paths['/api/v1/admin/events/{id}/seat-map']['get']['responses'][200]>;
export type SeatMapSaved = JsonOf<paths['/api/v1/admin/events/{id}/seat-map']['put']['responses'][200]>;
export type EventChange = BodyOf<paths['/api/v1/admin/events/{id}']['patch']>;
export type VenueFields = BodyOf<paths['/api/v1/admin/venues']['post']>;
export type VenueChange = BodyOf<paths['/api/v1/admin/venues/{id}']['patch']>;
export type NewPerformance = BodyOf<paths['/api/v1/admin/performances']['post']>;
export type PerformanceChange = BodyOf<paths['/api/v1/admin/performances/{id}']['patch']>;
export type TicketTypeChange = BodyOf<paths['/api/v1/admin/ticket-types/{id}']['patch']>;
export type MembershipChange = BodyOf<paths['/api/v1/admin/memberships']['put']>;
export type MembershipSet = JsonOf<paths['/api/v1/admin/memberships']['put']['responses'][200]>;
export type Membership = Schemas['Membership'];
export type MembershipTierName = Membership['tier'];
export type MembershipPage = Schemas['AdminMembershipPage'];

// community-service admin
export type ModerationCollection = 'posts' | 'comments' | 'reviews';
export type ModerationStatus = 'visible' | 'hidden' | 'all';
export type ModeratedPost = Schemas['ModeratedPost'];
export type ModeratedComment = Schemas['ModeratedComment'];
export type ModeratedReview = Schemas['ModeratedReview'];
export type ModerationAction = Schemas['ModerationAction'];
export type ModeratedPostPage = Schemas['ModeratedPostPage'];
export type ModeratedCommentPage = Schemas['ModeratedCommentPage'];
export type ModeratedReviewPage = Schemas['ModeratedReviewPage'];
export type ModerationActionPage = Schemas['ModerationActionPage'];

// stats-service admin
export type EventStatsDetail = Schemas['EventStats'];
