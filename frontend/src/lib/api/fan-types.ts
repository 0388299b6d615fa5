/**
 * The names of the shapes the fan pages use (artists, community, memberships), beside ./types.ts and
 * generated the same way: from docs/openapi/public-api.json into ./public-api.ts by `npm run openapi`.
 */
import type { components, paths } from './public-api';

type Schemas = components['schemas'];
type JsonBody<Operation> = Operation extends {
  readonly requestBody: { readonly content: { readonly 'application/json': infer Body } };
}
  ? Body
  : never;

// catalog-service
export type ArtistSummary = Schemas['CatalogArtist'];
export type ArtistPage = Schemas['CatalogArtistPage'];
/** An artist with their public events, soonest first. */
export type ArtistDetail = Schemas['ArtistDetail'];

// community-service
export type Post = Schemas['Post'];
export type PostPage = Schemas['PostPage'];
export type NewPost = JsonBody<paths['/api/v1/community/events/{eventId}/posts']['post']>;
export type PostChange = JsonBody<paths['/api/v1/community/posts/{postId}']['patch']>;
export type Comment = Schemas['Comment'];
export type CommentPage = Schemas['CommentPage'];
export type Review = Schemas['Review'];
/** A page of an event's reviews with their count and average rating. */
export type EventReviews = Schemas['EventReviews'];
export type NewReview = JsonBody<paths['/api/v1/community/events/{eventId}/reviews']['post']>;
export type ReviewChange = JsonBody<paths['/api/v1/community/reviews/{reviewId}']['patch']>;

// ticket-service
export type Membership = Schemas['Membership'];
export type MembershipPage = Schemas['MembershipPage'];
export type MembershipTier = Membership['tier'];
/** When each fan-club tier may buy an event's tickets, and when the signed-in fan may. */
export type PresaleSchedule = Schemas['PresaleSchedule'];
export type PresaleTier = PresaleSchedule['openings'][number]['tier'];
